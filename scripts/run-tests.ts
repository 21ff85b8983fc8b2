/**
 * Generates the web client's API types from the OpenAPI document, type-checks server and web, lints
 * and checks the formatting of the project (skipped when files are filtered), builds the web
 * application when its sources changed (the browser tests drive the built pages), runs the whole
 * suite on SQLite, then the database-backed files (browser journeys included) again on PostgreSQL.
 * Node 20's --test neither expands globs nor finds .ts files, so the files are listed here.
 * PostgreSQL comes from HUKOU_TEST_PG_URL (default: the local server, user postgres). When it is not
 * reachable the PostgreSQL pass is reported as not run, and fails instead when CI or
 * HUKOU_TEST_REQUIRE_PG is set, so CI can never pass without it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { API_TYPES_FILE, renderApiTypes } from './api-types.ts';
import { ensureWebBuild } from '../server/web/ensure-web-build.ts';

const ROOTS = ['server', 'cli', 'test'];
const DB_MARKERS = ['support/test-context.ts', 'support/browser.ts'];
const pgUrl = process.env.HUKOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
      return entry.name.endsWith('.test.ts') ? [full] : [];
    })
    .sort();
}

function runSuite(label: string, files: string[], env: NodeJS.ProcessEnv): boolean {
  const filter = process.argv.slice(2);
  const chosen = filter.length ? files.filter((f) => filter.some((part) => f.includes(part))) : files;
  console.log(`\n=== ${label}: ${chosen.length} test files ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...chosen], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function runTool(label: string, script: string, args: string[]): boolean {
  console.log(`\n=== ${label} ===`);
  const ok = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' }).status === 0;
  if (ok) console.log(`${label}: clean`);
  return ok;
}

/** The checks of the whole tree that a filtered run skips. */
function staticChecks(): boolean {
  const typecheck = runTool('TypeScript: tsc --noEmit', path.join('node_modules', 'typescript', 'bin', 'tsc'), ['--noEmit', '-p', '.']);
  const webTypecheck = runTool('TypeScript (web): tsc --noEmit -p web', path.join('node_modules', 'typescript', 'bin', 'tsc'), [
    '--noEmit',
    '-p',
    'web',
  ]);
  const lint = runTool('ESLint', path.join('node_modules', 'eslint', 'bin', 'eslint.js'), ['.']);
  const format = runTool('Prettier: --check', path.join('node_modules', 'prettier', 'bin', 'prettier.cjs'), ['--check', '--log-level', 'warn', '.']);
  return typecheck && webTypecheck && lint && format;
}

const files = ROOTS.flatMap(findTests);
const dbFiles = files.filter((f) => {
  const source = fs.readFileSync(f, 'utf8');
  return DB_MARKERS.some((marker) => source.includes(marker));
});
fs.writeFileSync(API_TYPES_FILE, await renderApiTypes());
let ok = process.argv.length > 2 || staticChecks();
await ensureWebBuild();
ok = runSuite('SQLite', files, { HUKOU_TEST_DB: 'sqlite' }) && ok;

const requirePg = Boolean(process.env.CI || process.env.HUKOU_TEST_REQUIRE_PG);
if (await postgresReachable()) {
  ok = runSuite('PostgreSQL', dbFiles, { HUKOU_TEST_DB: 'postgres', HUKOU_TEST_PG_URL: pgUrl }) && ok;
} else if (requirePg) {
  console.error(`PostgreSQL is required (CI or HUKOU_TEST_REQUIRE_PG) but ${pgUrl} is not reachable`);
  ok = false;
} else {
  console.log(`\nPostgreSQL pass NOT RUN: ${pgUrl} is not reachable. Set HUKOU_TEST_PG_URL to run it.`);
}
process.exit(ok ? 0 : 1);
