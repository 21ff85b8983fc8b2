import { bulkLoadCases, type BulkLoadResult } from './bulk-load.ts';
import { measureCommitRate, type CommitRate } from './commit-rate.ts';
import { explainSearches, type QueryPlan } from './explain-search.ts';
import type { HttpDriver } from './http-driver.ts';
import type { BenchOptions } from './options.ts';
import { latencyRatio, printTable, rateRatio } from './report.ts';
import type { ScratchDatabase } from './scratch-db.ts';
import { runConcurrentSearches, runSequentialSearches, type SearchRunResult } from './search-bench.ts';
import { QUERY_KINDS, SEARCH_USERS } from './search-queries.ts';
import type { PlannedCase } from './workload.ts';
import { loadConfig } from '../server/config.ts';
import { loadDataKeys } from '../server/modules/population/data-keys.ts';

export interface SearchFigures {
  load: BulkLoadResult;
  casesInDatabase: number;
  commit: CommitRate;
  plans: QueryPlan[];
  sequential: SearchRunResult;
  concurrent: SearchRunResult;
}

/** Bulk-loads the archive, then searches it over HTTP as city, branch and station users. */
export async function runSearchSection(input: {
  options: BenchOptions;
  scratch: ScratchDatabase;
  driver: HttpDriver;
  plans: Iterable<PlannedCase>;
  asOf: Date;
  catalogVersion: string;
  userIds: Map<string, string>;
  countCases: () => Promise<number>;
}): Promise<SearchFigures> {
  const { options, scratch, driver } = input;
  let lastReport = performance.now();
  // The server under test generated its key file in its data directory at start; the load uses the same keys.
  const ring = loadDataKeys(loadConfig({ HUKOU_DATA_DIR: scratch.dir }).dataKeys, () => {}).ring;
  const load = await bulkLoadCases(scratch.config, {
    plans: input.plans,
    count: options.searchCases,
    asOf: input.asOf,
    catalogVersion: input.catalogVersion,
    userIds: input.userIds,
    ring,
    samples: 2000,
    onProgress: (rows) => {
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        console.log(`  loaded ${rows.toLocaleString('en-US')} cases`);
      }
    },
  });
  const casesInDatabase = await input.countCases();
  printTable(
    `[${scratch.kind}] bulk load of the archive (${options.searchCases.toLocaleString('en-US')} synthetic cases over ten years, straight into the cases table, with their pages)`,
    ['rows', 'page rows', 'seconds', 'rows/s', 'rows/s in the driver', 'ANALYZE s', 'cases now in db'],
    [
      [
        load.rows,
        load.pages,
        load.seconds,
        load.rows / load.seconds,
        load.rows / load.dbSeconds,
        scratch.kind === 'postgres' ? load.analyzeSeconds : '-',
        casesInDatabase,
      ],
    ],
  );

  const middle = load.samples[Math.floor(load.samples.length / 2)];
  if (!middle) throw new Error(`the bulk load of ${load.rows} cases kept no sample case to explain the searches with`);
  const plans = await explainSearches(scratch.config, ring, middle);
  console.log(`\n[${scratch.kind}] query plans of the search shapes (repository's searchCases, city / branch / station scope):`);
  for (const plan of plans) {
    // PostgreSQL plans are trees of many lines; the scans and sorts are what say which index is used.
    const steps =
      scratch.kind === 'sqlite'
        ? plan.plan
        : plan.plan.filter((l) => /Scan|Sort|Index Cond|Filter/.test(l)).map((l) => l.replace(/\s*\(cost=[^)]*\)/, '').replace(/^->\s*/, ''));
    console.log(`  ${plan.shape.padEnd(22)} ${steps.join(' | ').slice(0, 260)}`);
  }

  const commit = await measureCommitRate(scratch.config, options.commitSeconds);
  console.log(
    `\n[${scratch.kind}] raw commit rate on the loaded database: ${commit.commitsPerSecond.toFixed(0)} commits/s (${(1000 / commit.commitsPerSecond).toFixed(3)} ms each)`,
  );

  const sequential = await runSequentialSearches(driver, load.samples, options.searchSamples, options.seed);
  const rows = QUERY_KINDS.map((kind) => {
    const s = sequential.latencies.summary(kind);
    const perLevel = SEARCH_USERS.map((u) => sequential.latencies.summary(`${u.level}:${kind}`).p99.toFixed(1)).join(' / ');
    return [
      kind,
      s.count,
      `${Math.round((sequential.hitRate.get(kind) ?? 0) * 100)}%`,
      s.p50,
      s.p99,
      s.max,
      perLevel,
      latencyRatio(s.p99, commit.commitsPerSecond),
    ];
  });
  const all = sequential.latencies.pooled([...QUERY_KINDS]);
  rows.push(['all kinds', all.count, '', all.p50, all.p99, all.max, '', latencyRatio(all.p99, commit.commitsPerSecond)]);
  printTable(
    `[${scratch.kind}] search over ${casesInDatabase.toLocaleString('en-US')} cases, GET /api/cases one at a time (each search also commits its audit event)`,
    ['query', 'n', 'found', 'p50 ms', 'p99 ms', 'max ms', 'p99 city/branch/station', 'p99 / commit'],
    rows,
  );

  const concurrent = await runConcurrentSearches(
    driver,
    load.samples,
    options.searchConcurrentClients,
    options.searchConcurrentSeconds,
    options.seed + 1,
  );
  const c = concurrent.latencies.summary('all');
  printTable(
    `[${scratch.kind}] search with ${options.searchConcurrentClients} concurrent clients, mixed kinds and levels`,
    ['searches', 'searches/s', 'searches/s ÷ commits/s', 'p50 ms', 'p99 ms', 'max ms', 'p99 / commit'],
    [
      [
        c.count,
        concurrent.searchesPerSecond,
        rateRatio(concurrent.searchesPerSecond, commit.commitsPerSecond),
        c.p50,
        c.p99,
        c.max,
        latencyRatio(c.p99, commit.commitsPerSecond),
      ],
    ],
  );
  return { load, casesInDatabase, commit, plans, sequential, concurrent };
}
