import os from 'node:os';
import type { PageKind } from './jpeg-pool.ts';

/**
 * Bench settings from `--name=value` arguments or BENCH_NAME environment variables (arguments win).
 * Sizes come in three sets: the full run (the figures of docs/PERFORMANCE.md), `--quick` (every
 * part, a few minutes) and `--smoke` (every part including a short soak, under a minute per
 * database: CI's check that the bench still runs, not a measurement). `--soak` runs only the soak;
 * `--ingest-only` runs only the ingest section (capture pipeline and historical import);
 * `--seals-only` runs only the crypto and seals sections (signed decisions, notices, the trail's checkpoints).
 */
export type DatabaseKind = 'sqlite' | 'postgres';
export type BenchMode = 'full' | 'quick' | 'smoke';

export interface BenchOptions {
  mode: BenchMode;
  /** Run only the soak: the think-time load for `soakMinutes` on each database. */
  soak: boolean;
  databases: DatabaseKind[];
  seed: number;
  /** Concurrent clients of the think-time runs (latency section and soak); the closed loop's last level. */
  clients: number;
  /** Concurrency levels at which full chains per second are measured (closed loop). */
  chainConcurrency: number[];
  chainSeconds: number;
  thinkSeconds: number;
  thinkMeanSeconds: number;
  warmupSeconds: number;
  commitSeconds: number;
  /** GET /api/health requests of the HTTP floor (the first sixth are warm-up). */
  floorRequests: number;
  /** Cases bulk-loaded for the search measurement. */
  searchCases: number;
  /** Timed searches per query kind and user level, one at a time. */
  searchSamples: number;
  /** Cases whose act evaluation (预警) is timed after the warning sweep over the archive. */
  sweepSamples: number;
  searchConcurrentClients: number;
  searchConcurrentSeconds: number;
  soakMinutes: number;
  /** Width of one row of the soak's latency-over-time table. */
  soakBucketSeconds: number;
  /** How often the soak reads the server's memory. */
  soakSampleSeconds: number;
  pages: PageKind;
  pagePool: number;
  /** Keep every uploaded page file (otherwise deleted a minute after upload: page-sweeper.ts). */
  keepPages: boolean;
  pageKeepSeconds: number;
  /** Seconds per SM2 figure of the crypto section. */
  cryptoSeconds: number;
  pgAdminUrl: string;
  crypto: boolean;
  /** Run the ingest section: capture pipeline rate beside sharp's decode rate, server memory, historical import. */
  ingest: boolean;
  /** Run only the ingest section on each database (no workflow, search or crypto). */
  ingestOnly: boolean;
  /** Timed page uploads of the ingest section (after a warm-up of ingestWarmup). */
  ingestPages: number;
  ingestWarmup: number;
  /** Uploads in flight against the server, and full decodes in flight for sharp's reference rate. */
  ingestClients: number;
  /** Distinct camera documents behind the uploads; each is used in four orientations (ingest-images.ts). */
  ingestDocuments: number;
  /** Full decodes by sharp alone for the reference rate, measured before and again after the uploads. */
  decodeSamples: number;
  /** How often the ingest section reads the RSS of the server and of the import process. */
  memorySampleMs: number;
  /** Pages of the historical import (`hukou import-history`); 0 skips it. */
  historyPages: number;
  /** Run the seals section (bench/seals.bench.ts): signed decisions, notices, checkpoints and proofs over a large trail. */
  seals: boolean;
  /** Run only the crypto and seals sections. */
  sealsOnly: boolean;
  /** Timed 审核 (signed) and as many 撤回 (not signed) per database, one at a time. */
  sealDecisions: number;
  /** Timed 审批 with their notices per database. */
  sealApprovals: number;
  /** Audit events bulk-loaded into the trail before the first checkpoint. */
  trailEvents: number;
  json?: string;
}

function readRaw(argv: string[], env: NodeJS.ProcessEnv): Map<string, string> {
  const raw = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    // BENCH_SERVER_* belongs to the server process (server-handle.ts), not to these options.
    if (key.startsWith('BENCH_') && !key.startsWith('BENCH_SERVER_') && value !== undefined)
      raw.set(key.slice(6).toLowerCase().replaceAll('_', '-'), value);
  }
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || name === undefined) throw new Error(`unknown argument ${arg} (expected --name or --name=value)`);
    raw.set(name, match[2] ?? 'true');
  }
  return raw;
}

const KNOWN = new Set([
  'quick',
  'smoke',
  'soak',
  'only',
  'seed',
  'clients',
  'chain-concurrency',
  'chain-seconds',
  'think-seconds',
  'think-mean',
  'warmup-seconds',
  'commit-seconds',
  'cases',
  'search-samples',
  'search-clients',
  'search-seconds',
  'soak-minutes',
  'soak-bucket-seconds',
  'soak-sample-seconds',
  'pages',
  'keep-pages',
  'pg-url',
  'crypto',
  'ingest',
  'ingest-only',
  'ingest-pages',
  'ingest-clients',
  'history-pages',
  'seals',
  'seals-only',
  'seal-decisions',
  'seal-approvals',
  'trail-events',
  'json',
]);

const flag = (raw: Map<string, string>, key: string) => raw.get(key) === 'true' || raw.get(key) === '1';

export function parseOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const raw = readRaw(argv, env);
  for (const key of raw.keys()) if (!KNOWN.has(key)) throw new Error(`unknown bench option --${key}; known: ${[...KNOWN].join(', ')}`);
  const soak = flag(raw, 'soak');
  const chosen = (['quick', 'smoke'] as const).filter((m) => flag(raw, m));
  if (chosen.length > 1) throw new Error('--quick and --smoke are two sizes of one run: choose one');
  if (soak && chosen.length) throw new Error(`--soak runs only the soak, at its own size (--soak-minutes): drop --${chosen[0]}`);
  const ingestOnly = flag(raw, 'ingest-only');
  if (ingestOnly && soak) throw new Error('--ingest-only and --soak each run one section alone: choose one');
  if (ingestOnly && raw.get('ingest') === 'false') throw new Error('--ingest-only with --ingest=false leaves nothing to run');
  const sealsOnly = flag(raw, 'seals-only');
  if (sealsOnly && (soak || ingestOnly)) throw new Error(`--seals-only and --${soak ? 'soak' : 'ingest-only'} each run one part alone: choose one`);
  if (sealsOnly && raw.get('seals') === 'false') throw new Error('--seals-only with --seals=false leaves only the crypto section: drop --seals-only');
  const mode: BenchMode = chosen[0] ?? 'full';
  const num = (key: string, full: number, quick: number, smoke: number): number => {
    const value = raw.has(key) ? Number(raw.get(key)) : { full, quick, smoke }[mode];
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} must be a non-negative number`);
    return value;
  };
  const only = raw.get('only');
  if (only && only !== 'sqlite' && only !== 'postgres') throw new Error('--only must be sqlite or postgres');
  const pages = raw.get('pages') ?? 'camera';
  if (pages !== 'camera' && pages !== 'small')
    throw new Error('--pages must be camera (12 MP, 2-4 MB, the default) or small (7 KB, the pages of figures before 2026-11-30)');
  const clients = num('clients', 50, 50, 8);
  const pgAdminUrl = raw.get('pg-url') ?? env.HUKOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // The bench only ever talks to this machine.
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(pgAdminUrl).hostname)) throw new Error('--pg-url must point at 127.0.0.1');
  const soakMinutes = num('soak-minutes', 30, 30, 0.25);
  if (soak && soakMinutes <= 0) throw new Error('--soak-minutes must be more than 0');
  const defaultLevels = { full: `1,10,${clients}`, quick: `1,${clients}`, smoke: `1,${clients}` }[mode];
  const sealDecisions = Math.max(1, Math.round(num('seal-decisions', 150, 50, 2)));
  const sealApprovals = Math.max(1, Math.round(num('seal-approvals', 30, 12, 1)));
  // The approvals take the cases the timed 审核 left pending at the city, and one more for a warm-up.
  if (sealApprovals >= sealDecisions) throw new Error('--seal-approvals must be fewer than --seal-decisions');
  return {
    mode,
    soak,
    databases: only ? [only as DatabaseKind] : ['sqlite', 'postgres'],
    seed: num('seed', 20_261_129, 20_261_129, 20_261_129),
    clients,
    chainConcurrency: (raw.get('chain-concurrency') ?? defaultLevels)
      .split(',')
      .map(Number)
      .filter((n) => n > 0),
    chainSeconds: num('chain-seconds', 40, 4, 2),
    thinkSeconds: num('think-seconds', 180, 12, 3),
    thinkMeanSeconds: num('think-mean', 1.5, 1.5, 0.5),
    warmupSeconds: num('warmup-seconds', 5, 2, 1),
    commitSeconds: num('commit-seconds', 5, 1, 0.3),
    floorRequests: mode === 'smoke' ? 60 : 600,
    searchCases: num('cases', 1_000_000, 10_000, 2_000),
    searchSamples: num('search-samples', 60, 8, 1),
    sweepSamples: num('sweep-samples', 2000, 300, 20),
    searchConcurrentClients: num('search-clients', 10, 10, 2),
    searchConcurrentSeconds: num('search-seconds', 20, 3, 1),
    soakMinutes,
    soakBucketSeconds: num('soak-bucket-seconds', 60, 60, 5),
    soakSampleSeconds: num('soak-sample-seconds', 5, 5, 1),
    pages,
    pagePool: mode === 'smoke' ? 3 : 8,
    keepPages: flag(raw, 'keep-pages'),
    pageKeepSeconds: mode === 'smoke' ? 2 : 60,
    cryptoSeconds: { full: 2.5, quick: 0.5, smoke: 0.05 }[mode],
    pgAdminUrl,
    crypto: raw.get('crypto') !== 'false',
    ingest: raw.get('ingest') !== 'false',
    ingestOnly,
    ingestPages: Math.max(1, Math.round(num('ingest-pages', 1_000, 120, 6))),
    ingestWarmup: { full: 24, quick: 8, smoke: 2 }[mode],
    // Twice the cores: a page waits on fsyncs and on the network part of the time, and the
    // reference decodes run at the same number in flight (more than the cores cannot speed them up).
    ingestClients: Math.max(1, Math.round(num('ingest-clients', 2 * os.availableParallelism(), 2 * os.availableParallelism(), 2))),
    ingestDocuments: { full: 32, quick: 12, smoke: 2 }[mode],
    decodeSamples: { full: 200, quick: 40, smoke: 4 }[mode],
    memorySampleMs: mode === 'full' ? 250 : 100,
    historyPages: Math.round(num('history-pages', 100_000, 2_000, 200)),
    seals: raw.get('seals') !== 'false',
    sealsOnly,
    sealDecisions,
    sealApprovals,
    trailEvents: Math.max(1, Math.round(num('trail-events', 1_000_000, 100_000, 2_000))),
    json: raw.get('json'),
  };
}
