/**
 * `npm run bench`: the workload of a city of about one million people against the real server, on
 * SQLite and on PostgreSQL, then the crypto core. Never part of `npm test`.
 * Sizes: the full run (default), --quick, --smoke (CI: does every section still run?); --soak runs
 * only the soak (--soak-minutes=N, default 30, per database); --ingest-only runs only the ingest
 * section (capture pipeline beside sharp's decode rate, server memory, historical import;
 * --ingest=false leaves it out); --seals-only runs only the crypto and seals sections (signed decisions,
 * notices, checkpoints and proofs over a trail of a million events: bench/seals.bench.ts;
 * --seals=false leaves it out). Other options (or BENCH_* environment variables):
 * --only=sqlite|postgres, --cases=N, --clients=N, --chain-seconds=N, --think-seconds=N,
 * --think-mean=S, --search-samples=N, --pages=camera|small, --keep-pages, --ingest-pages=N,
 * --ingest-clients=N, --history-pages=N, --seal-decisions=N, --seal-approvals=N, --trail-events=N,
 * --json=FILE; all in bench/options.ts. See docs/PERFORMANCE.md.
 */
import fs from 'node:fs';
import { asError } from './as-error.ts';
import { runDatabaseSection, type DatabaseFigures } from './database-section.ts';
import { writeHistoryArchive } from './ingest-history-files.ts';
import { IngestImages } from './ingest-images.ts';
import { HistorySource, type IngestFigures, runIngestSection } from './ingest-section.ts';
import { JpegPool } from './jpeg-pool.ts';
import { describeMachine } from './machine.ts';
import { type BenchOptions, parseOptions } from './options.ts';
import { seconds } from './report.ts';
import type { SealsFigures } from './seals.bench.ts';
import { runSoakSection, type SoakFigures } from './soak-section.ts';
import { soakMarkdown } from './soak-summary.ts';
import { ingestVerdicts, printIngestSummary, printSummary, verdicts } from './summary.ts';

const SMOKE_NOTICE =
  'SMOKE RUN: a check that every section of the bench still runs and answers without errors. Its figures are not measurements: do not quote them.';

async function runCryptoBench(options: BenchOptions): Promise<void> {
  // crypto.bench.ts reads its measuring time when it loads.
  process.env.CRYPTO_BENCH_SECONDS ??= String(options.cryptoSeconds);
  let run: (() => Promise<void>) | undefined;
  try {
    ({ run } = await import('./crypto.bench.ts'));
  } catch (error) {
    // A smoke run exists to notice exactly this.
    if (options.mode === 'smoke') throw error;
    console.log(`\n[crypto] skipped: bench/crypto.bench.ts could not be loaded (${(error as Error).message.split('\n')[0]})`);
    return;
  }
  await run();
}

/** The seals section on each database; loaded when it runs, so a broken import fails the section, not the bench. */
async function runSealsBench(options: BenchOptions, failures: string[]): Promise<{ figures: SealsFigures[]; markdown?: string }> {
  const figures: SealsFigures[] = [];
  let markdown: ((all: readonly SealsFigures[]) => string) | undefined;
  for (const kind of options.databases) {
    console.log(`\n======== ${kind}: seals ========`);
    const result = await section(`${kind} seals`, failures, async () => {
      const seals = await import('./seals.bench.ts');
      markdown = seals.sealsMarkdown;
      return seals.runSealsSection(kind, options);
    });
    if (result) {
      figures.push(result);
      for (const problem of result.problems) failures.push(`${kind} seals: ${problem}`);
    }
  }
  return { figures, markdown: markdown && figures.length > 0 ? markdown(figures) : undefined };
}

/** Runs one section; a failure is printed and collected, and the run goes on with the next section. */
async function section<T>(name: string, failures: string[], body: () => Promise<T>): Promise<T | undefined> {
  const started = performance.now();
  try {
    return await body();
  } catch (caught) {
    const error = asError(caught);
    failures.push(`${name}: ${error.message.split('\n')[0]}`);
    console.error(`[${name}] FAILED: ${error.stack ?? String(error)}`);
    return undefined;
  } finally {
    console.log(`\n[${name}] section took ${seconds(performance.now() - started)}`);
  }
}

async function runSoakOnly(options: BenchOptions, images: JpegPool, failures: string[]): Promise<void> {
  const soaks: SoakFigures[] = [];
  for (const kind of options.databases) {
    console.log(`\n======== soak: ${kind} ========`);
    const figures = await section(`${kind} soak`, failures, () => runSoakSection(kind, options, images));
    if (figures) {
      soaks.push(figures);
      if (!figures.passed) failures.push(figures.verdict);
    }
  }
  if (soaks.length === 0) return;
  console.log('\n======== soak verdicts ========');
  for (const f of soaks) console.log(f.verdict);
  const markdown = soakMarkdown(soaks);
  console.log(`\nMarkdown for the soak section of docs/PERFORMANCE.md:\n\n${markdown}\n`);
  if (options.json) {
    const slim = soaks.map(({ memory, ...rest }) => ({ ...rest, memory: memory.map((m) => [Math.round(m.atMs), m.rssBytes, m.heapUsed]) }));
    fs.writeFileSync(options.json, JSON.stringify({ at: new Date().toISOString(), options, soaks: slim, markdown }, null, 2));
    console.log(`results written to ${options.json} (memory as [ms, RSS bytes, heap used bytes])`);
  }
}

/** What the ingest section needs, made once per run: the camera pages and the historical files. */
interface IngestInputs {
  images: IngestImages;
  history: HistorySource;
}

async function runBench(options: BenchOptions, images: JpegPool | undefined, ingest: IngestInputs | undefined, failures: string[]): Promise<void> {
  const today = new Date();
  const archiveEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const results: DatabaseFigures[] = [];
  const ingested: IngestFigures[] = [];
  for (const kind of options.databases) {
    if (images) {
      console.log(`\n======== ${kind} ========`);
      const figures = await section(kind, failures, () => runDatabaseSection(kind, options, images, archiveEnd));
      if (figures) {
        results.push(figures);
        for (const problem of figures.problems) {
          failures.push(`${kind}: ${problem}`);
          console.error(`[${kind}] PROBLEM: ${problem}`);
        }
      }
      // The smoke run keeps the soak's code running too, for a few seconds: not a soak.
      if (options.mode === 'smoke') {
        console.log(`\n======== ${kind}: soak (smoke size) ========`);
        const soak = await section(`${kind} soak`, failures, () => runSoakSection(kind, options, images));
        if (soak && soak.errors > 0) failures.push(`${kind} soak: ${soak.errors} failed requests`);
      }
    }
    if (ingest) {
      console.log(`\n======== ${kind}: ingest ========`);
      const figures = await section(`${kind} ingest`, failures, () => runIngestSection(kind, options, ingest.images, ingest.history));
      if (figures) {
        ingested.push(figures);
        for (const problem of figures.problems) failures.push(`${kind} ingest: ${problem}`);
      }
    }
  }

  if (options.crypto && !options.ingestOnly) {
    console.log('\n======== crypto ========');
    await section('crypto', failures, () => runCryptoBench(options));
  }

  const seals = options.seals && !options.ingestOnly ? await runSealsBench(options, failures) : { figures: [] };

  const markdown: string[] = [];
  if (options.mode === 'smoke' && (results.length > 0 || ingested.length > 0 || seals.figures.length > 0)) console.log(`\n${SMOKE_NOTICE}`);
  if (results.length > 0) markdown.push(printSummary(results));
  if (ingested.length > 0) markdown.push(printIngestSummary(ingested, options.mode !== 'smoke'));
  if (seals.markdown) markdown.push(`Seals, notices and checkpoints:\n\n${seals.markdown}`);
  if (markdown.length > 0) {
    if (options.mode === 'smoke') console.log(`\n${SMOKE_NOTICE}`);
    else console.log(`\nMarkdown for docs/PERFORMANCE.md:\n\n${markdown.join('\n\n')}\n`);
    if (options.json) {
      // The import's memory samples as [ms, RSS bytes], as the soak writes its own.
      const ingest = ingested.map(({ history, ...rest }) => ({
        ...rest,
        history: history && { ...history, samples: history.samples.map((m) => [Math.round(m.atMs), m.rssBytes]) },
      }));
      const allVerdicts = [...verdicts(results), ...ingestVerdicts(ingested)];
      fs.writeFileSync(
        options.json,
        JSON.stringify(
          { at: new Date().toISOString(), options, verdicts: allVerdicts, ingest, seals: seals.figures, markdown: markdown.join('\n\n') },
          null,
          2,
        ),
      );
      console.log(`results written to ${options.json}`);
    }
  }
}

async function main(): Promise<number> {
  const options = parseOptions();
  const runStarted = performance.now();
  const parts = [
    options.soak ? `soak, ${options.soakMinutes} min per database` : '',
    options.ingestOnly ? 'ingest only' : '',
    options.sealsOnly ? 'crypto and seals only' : '',
    options.mode === 'full' ? '' : options.mode,
  ];
  const label = parts.some(Boolean) ? ` (${parts.filter(Boolean).join(', ')})` : '';
  console.log(`hukou bench${label}: ${new Date().toISOString()}, databases: ${options.databases.join(', ')}`);
  if (options.mode === 'smoke') console.log(SMOKE_NOTICE);
  for (const line of await describeMachine(options.pgAdminUrl, options.databases.includes('postgres'))) console.log(`  ${line}`);
  if (!options.soak && !options.ingestOnly && !options.sealsOnly) {
    console.log(
      `  workload: seed ${options.seed}; ${options.clients} clients; closed loop at ${options.chainConcurrency.join('/')} clients for ${options.chainSeconds} s each; ` +
        `think-time load ${options.thinkSeconds} s; archive of ${options.searchCases.toLocaleString('en-US')} cases`,
    );
  }
  let images: JpegPool | undefined;
  if (!options.ingestOnly && !options.sealsOnly) {
    images = await JpegPool.create(options.pages, options.pagePool);
    console.log(`  page images: ${images.describe()}`);
    console.log(
      `  page files: ${options.keepPages ? 'all kept (--keep-pages)' : `deleted ${options.pageKeepSeconds} s after upload (bench/page-sweeper.ts)`}`,
    );
  }
  let ingest: IngestInputs | undefined;
  if (options.ingest && !options.soak && !options.sealsOnly) {
    const started = performance.now();
    const ingestImages = await IngestImages.create(options.ingestDocuments, options.seed);
    console.log(`  ingest pages: ${ingestImages.describe()} (made in ${seconds(performance.now() - started)})`);
    console.log(
      `  ingest: ${options.ingestPages} timed uploads, ${options.ingestClients} in flight; historical import of ${options.historyPages.toLocaleString('en-US')} small pages; ` +
        'ingest page files kept until the section ends',
    );
    const history = new HistorySource((catalog, station) =>
      writeHistoryArchive({ pages: options.historyPages, catalog, station, seed: options.seed + 13, inFlight: options.ingestClients }),
    );
    ingest = { images: ingestImages, history };
  }

  const failures: string[] = [];
  try {
    if (options.soak) {
      if (!images) throw new Error('the soak needs its page images');
      await runSoakOnly(options, images, failures);
    } else await runBench(options, images, ingest, failures);
  } finally {
    await ingest?.history.dispose();
  }

  console.log(`\nbench finished in ${seconds(performance.now() - runStarted)}`);
  const what = options.soak ? 'SOAK' : options.mode === 'smoke' ? 'SMOKE RUN' : 'BENCH';
  if (failures.length) {
    console.error(`\n${what} FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    return 1;
  }
  console.log(`\n${what} PASSED${options.mode === 'smoke' ? ': every section ran without errors (not a measurement)' : ''}`);
  return 0;
}

process.exitCode = await main();
