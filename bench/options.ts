/**
 * Bench settings from `--name=value` arguments or BENCH_NAME environment variables (arguments win).
 * `--quick` shrinks every size for a smoke run of a couple of minutes.
 */
export type DatabaseKind = 'sqlite' | 'postgres';

export interface BenchOptions {
  quick: boolean;
  databases: DatabaseKind[];
  seed: number;
  /** Concurrent clients of the closed-loop and think-time runs. */
  clients: number;
  /** Concurrency levels at which full chains per second are measured (closed loop). */
  chainConcurrency: number[];
  chainSeconds: number;
  thinkSeconds: number;
  thinkMeanSeconds: number;
  warmupSeconds: number;
  commitSeconds: number;
  /** Cases bulk-loaded for the search measurement. */
  searchCases: number;
  /** Timed searches per query kind and user level, one at a time. */
  searchSamples: number;
  searchConcurrentClients: number;
  searchConcurrentSeconds: number;
  pgAdminUrl: string;
  crypto: boolean;
  json?: string;
}

function readRaw(argv: string[], env: NodeJS.ProcessEnv): Map<string, string> {
  const raw = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    // BENCH_SERVER_* belongs to the server process (server-handle.ts), not to these options.
    if (key.startsWith('BENCH_') && !key.startsWith('BENCH_SERVER_') && value !== undefined) raw.set(key.slice(6).toLowerCase().replaceAll('_', '-'), value);
  }
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg} (expected --name or --name=value)`);
    raw.set(match[1], match[2] ?? 'true');
  }
  return raw;
}

const KNOWN = new Set(['quick', 'only', 'seed', 'clients', 'chain-concurrency', 'chain-seconds', 'think-seconds', 'think-mean', 'warmup-seconds',
  'commit-seconds', 'cases', 'search-samples', 'search-clients', 'search-seconds', 'pg-url', 'crypto', 'json']);

export function parseOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const raw = readRaw(argv, env);
  for (const key of raw.keys()) if (!KNOWN.has(key)) throw new Error(`unknown bench option --${key}; known: ${[...KNOWN].join(', ')}`);
  const quick = raw.get('quick') === 'true' || raw.get('quick') === '1';
  const num = (key: string, full: number, small: number): number => {
    const value = raw.has(key) ? Number(raw.get(key)) : quick ? small : full;
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} must be a non-negative number`);
    return value;
  };
  const only = raw.get('only');
  if (only && only !== 'sqlite' && only !== 'postgres') throw new Error('--only must be sqlite or postgres');
  const clients = num('clients', 50, 50);
  const pgAdminUrl = raw.get('pg-url') ?? env.HUKOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // The bench only ever talks to this machine.
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(pgAdminUrl).hostname)) throw new Error('--pg-url must point at 127.0.0.1');
  return {
    quick,
    databases: only ? [only as DatabaseKind] : ['sqlite', 'postgres'],
    seed: num('seed', 20_261_129, 20_261_129),
    clients,
    chainConcurrency: (raw.get('chain-concurrency') ?? (quick ? `1,${clients}` : `1,10,${clients}`)).split(',').map(Number).filter((n) => n > 0),
    chainSeconds: num('chain-seconds', 40, 4),
    thinkSeconds: num('think-seconds', 180, 12),
    thinkMeanSeconds: num('think-mean', 1.5, 1.5),
    warmupSeconds: num('warmup-seconds', 5, 2),
    commitSeconds: num('commit-seconds', 5, 1),
    searchCases: num('cases', 1_000_000, 10_000),
    searchSamples: num('search-samples', 60, 8),
    searchConcurrentClients: num('search-clients', 10, 10),
    searchConcurrentSeconds: num('search-seconds', 20, 3),
    pgAdminUrl,
    crypto: raw.get('crypto') !== 'false',
    json: raw.get('json'),
  };
}
