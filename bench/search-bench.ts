import type { CaseSample } from './bulk-load.ts';
import type { HttpDriver } from './http-driver.ts';
import { LatencyRecorder } from './latency.ts';
import { Rng } from './prng.ts';
import { QUERY_KINDS, type QueryKind, SEARCH_USERS, type SearchUser, searchQuery } from './search-queries.ts';

interface SearchPage {
  items: unknown[];
  nextCursor: string | null;
}

export interface SearchRunResult {
  latencies: LatencyRecorder;
  /** Share of searches of each kind that found at least one case. */
  hitRate: Map<QueryKind, number>;
  searchesPerSecond: number;
  seconds: number;
}

/** One timed search; for 'page2' the first page is fetched untimed and the page after its cursor is timed. */
async function timedSearch(driver: HttpDriver, token: string, kind: QueryKind, sample: CaseSample, rng: Rng): Promise<{ ms: number; hits: number }> {
  let url = searchQuery(kind, sample, rng);
  if (kind === 'page2') {
    const first = await driver.send<SearchPage>('GET', url, { token });
    if (!first.body.nextCursor) return { ms: first.ms, hits: first.body.items.length };
    url = `/api/cases?cursor=${encodeURIComponent(first.body.nextCursor)}`;
  }
  const res = await driver.send<SearchPage>('GET', url, { token });
  return { ms: res.ms, hits: res.body.items.length };
}

function samplesInScope(samples: CaseSample[], user: SearchUser): CaseSample[] {
  const mine = samples.filter((s) => user.inScope(s.unitId));
  if (mine.length === 0) throw new Error(`no loaded case in the scope of ${user.username}`);
  return mine;
}

/**
 * Searches one at a time (no queueing: the latency a user sees on a quiet system): every kind,
 * every user level, `perKind` times each, interleaved so that no kind runs on a warmer cache.
 * Labels: the kind, and level:kind.
 */
export async function runSequentialSearches(driver: HttpDriver, samples: CaseSample[], perKind: number, seed: number): Promise<SearchRunResult> {
  const rng = new Rng(seed);
  const latencies = new LatencyRecorder();
  const hits = new Map<QueryKind, number>();
  const started = performance.now();
  const scoped = SEARCH_USERS.map((user) => ({ user, samples: samplesInScope(samples, user) }));
  for (let i = 0; i < perKind; i++) {
    for (const { user, samples: mine } of scoped) {
      const token = await driver.token(user.username);
      for (const kind of QUERY_KINDS) {
        const result = await timedSearch(driver, token, kind, rng.pick(mine), rng);
        latencies.record(kind, result.ms);
        latencies.record(`${user.level}:${kind}`, result.ms);
        if (result.hits > 0) hits.set(kind, (hits.get(kind) ?? 0) + 1);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const total = perKind * SEARCH_USERS.length;
  return {
    latencies,
    hitRate: new Map(QUERY_KINDS.map((k) => [k, (hits.get(k) ?? 0) / total])),
    searchesPerSecond: latencies.count() / 2 / seconds,
    seconds,
  };
}

/** `clients` users searching at once, any kind at any level, for `seconds`: the busy-hour picture. */
export async function runConcurrentSearches(
  driver: HttpDriver,
  samples: CaseSample[],
  clients: number,
  seconds: number,
  seed: number,
): Promise<SearchRunResult> {
  const latencies = new LatencyRecorder();
  const scoped = SEARCH_USERS.map((user) => ({ user, samples: samplesInScope(samples, user) }));
  for (const { user } of scoped) await driver.token(user.username);
  const started = performance.now();
  const end = started + seconds * 1000;
  const maxPerClient = 100_000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const rng = new Rng(seed + c * 104_729);
      for (let n = 0; n < maxPerClient && performance.now() < end; n++) {
        const { user, samples: mine } = rng.pick(scoped);
        const kind = rng.pick(QUERY_KINDS);
        const result = await timedSearch(driver, await driver.token(user.username), kind, rng.pick(mine), rng);
        latencies.record('all', result.ms);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, hitRate: new Map(), searchesPerSecond: latencies.count() / elapsed, seconds: elapsed };
}
