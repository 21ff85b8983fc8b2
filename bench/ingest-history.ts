import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../server/db/database.ts';
import type { HistoryArchive } from './ingest-history-files.ts';
import { type GrowthTrend, growthTrend, type RssSample, RssSampler } from './ingest-memory.ts';
import type { ScratchDatabase } from './scratch-db.ts';

export interface HistoryFigures {
  pages: number;
  files: number;
  /** From starting the import process to its exit (the process's start included). */
  seconds: number;
  pagesPerSecond: number;
  exitCode: number | null;
  /** What the database holds afterwards: files recorded as imported and their pages. */
  importedFiles: number;
  importedPages: number;
  rss: GrowthTrend;
  /** VmHWM of the import process: its peak RSS, from the kernel. */
  peakRssMb: number;
  samples: RssSample[];
  /** The import's last lines of output (its summary). */
  tail: string[];
}

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../cli/hukou.ts', import.meta.url));
const MB = 1024 * 1024;

async function countImported(db: Db): Promise<{ files: number; pages: number }> {
  const files = await db.kysely
    .selectFrom('history_imports')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const pages = await db.kysely
    .selectFrom('case_images')
    .where('case_id', 'in', (eb) => eb.selectFrom('history_imports').select('case_id'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { files: Number(files.n), pages: Number(pages.n) };
}

/**
 * `hukou import-history DIR --officer USERNAME` as an operator runs it: its own process on the
 * scratch database (the server under test stays up, idle), its RSS read from /proc every
 * `sampleMs` from start to exit. Its progress lines are passed through with the database's name.
 */
export async function runHistoryImport(input: {
  kind: string;
  archive: HistoryArchive;
  scratch: ScratchDatabase;
  db: Db;
  officer: string;
  sampleMs: number;
}): Promise<HistoryFigures> {
  const { archive, scratch } = input;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import-history', archive.dir, '--officer', input.officer], {
    cwd: REPO,
    env: { ...process.env, HUKOU_DATA_DIR: scratch.dir, DATABASE_URL: scratch.databaseUrl, HUKOU_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('the import process did not start');
  const sampler = new RssSampler(child.pid, input.sampleMs);
  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n|\r/)) {
      // A progress bar redraws its line; only whole lines are worth passing on.
      if (!line.trim()) continue;
      console.log(`  [${input.kind} import] ${line}`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  // VmHWM is read with every sample: once the process has exited and been reaped, /proc has nothing left.
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  await sampler.stop();
  const seconds = (performance.now() - started) / 1000;
  const imported = await countImported(input.db);
  return {
    pages: archive.pages,
    files: archive.files,
    seconds,
    pagesPerSecond: imported.pages / seconds,
    exitCode,
    importedFiles: imported.files,
    importedPages: imported.pages,
    rss: growthTrend(sampler.samples),
    peakRssMb: Math.max(sampler.peakBytes, sampler.sampledPeakBytes) / MB,
    samples: sampler.samples,
    tail,
  };
}
