/**
 * `npm run bench`: the workload of a city of about one million people against the real server, on
 * SQLite and on PostgreSQL, then the crypto core. Never part of `npm test`.
 * Options (or BENCH_* environment variables): --quick, --only=sqlite|postgres, --cases=N,
 * --clients=N, --chain-seconds=N, --think-seconds=N, --think-mean=S, --search-samples=N, --json=FILE.
 * See docs/PERFORMANCE.md.
 */
import fs from 'node:fs';
import { runDatabaseSection, type DatabaseFigures } from './database-section.ts';
import { JpegPool } from './jpeg-pool.ts';
import { describeMachine } from './machine.ts';
import { parseOptions } from './options.ts';
import { seconds } from './report.ts';
import { printSummary, verdicts } from './summary.ts';

async function runCryptoBench(quick: boolean): Promise<void> {
  // crypto.bench.ts reads its measuring time when it loads; a smoke run does not need 2.5 s per figure.
  if (quick) process.env.CRYPTO_BENCH_SECONDS ??= '0.5';
  let run: (() => Promise<void>) | undefined;
  try {
    ({ run } = await import('./crypto.bench.ts'));
  } catch (error) {
    console.log(`\n[crypto] skipped: bench/crypto.bench.ts could not be loaded (${(error as Error).message.split('\n')[0]})`);
    return;
  }
  await run();
}

async function main(): Promise<number> {
  const options = parseOptions();
  const runStarted = performance.now();
  console.log(`hukou bench${options.quick ? ' (quick)' : ''}: ${new Date().toISOString()}, databases: ${options.databases.join(', ')}`);
  for (const line of await describeMachine(options.pgAdminUrl, options.databases.includes('postgres'))) console.log(`  ${line}`);
  console.log(`  workload: seed ${options.seed}; ${options.clients} clients; closed loop at ${options.chainConcurrency.join('/')} clients for ${options.chainSeconds} s each; think-time load ${options.thinkSeconds} s; archive of ${options.searchCases.toLocaleString('en-US')} cases`);

  const images = await JpegPool.create();
  console.log(`  page images: pool of 32 JPEGs (${images.averageBytes} bytes each), every upload made unique`);
  const today = new Date();
  const archiveEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));

  const results: DatabaseFigures[] = [];
  let failed = false;
  for (const kind of options.databases) {
    const started = performance.now();
    console.log(`\n======== ${kind} ========`);
    try {
      results.push(await runDatabaseSection(kind, options, images, archiveEnd));
    } catch (error) {
      failed = true;
      console.error(`[${kind}] FAILED: ${(error as Error).stack ?? error}`);
    }
    console.log(`\n[${kind}] section took ${seconds(performance.now() - started)}`);
  }

  if (options.crypto) {
    const started = performance.now();
    console.log('\n======== crypto ========');
    try {
      await runCryptoBench(options.quick);
    } catch (error) {
      failed = true;
      console.error(`[crypto] FAILED: ${(error as Error).stack ?? error}`);
    }
    console.log(`\n[crypto] section took ${seconds(performance.now() - started)}`);
  }

  if (results.length > 0) {
    const markdown = printSummary(results);
    console.log(`\nMarkdown for docs/PERFORMANCE.md:\n\n${markdown}\n`);
    if (options.json) {
      fs.writeFileSync(options.json, JSON.stringify({ at: new Date().toISOString(), options, verdicts: verdicts(results), markdown }, null, 2));
      console.log(`results written to ${options.json}`);
    }
  }
  console.log(`\nbench finished in ${seconds(performance.now() - runStarted)}`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
