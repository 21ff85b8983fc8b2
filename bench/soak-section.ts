import { withBenchRig } from './bench-rig.ts';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { asError } from './as-error.ts';
import { measureCommitRate } from './commit-rate.ts';
import { ErrorLog } from './error-log.ts';
import type { JpegPool } from './jpeg-pool.ts';
import { type ActRecorder, LatencyRecorder, type LatencySummary, summarize } from './latency.ts';
import { driveClients } from './load-run.ts';
import type { BenchOptions, DatabaseKind } from './options.ts';
import { printTable, seconds } from './report.ts';
import { type RunningServer } from './server-handle.ts';
import { describeTrend, HEAP_ALLOWANCE, type MemorySample, type MemoryTrend, memoryTrend, RSS_ALLOWANCE } from './soak-report.ts';
import { stationRoster } from './staff-roster.ts';
import { ACT_LABELS } from './workflow-section.ts';
import { syntheticCases } from './workload.ts';

export interface SoakBucket {
  startSeconds: number;
  seconds: number;
  acts: number;
  client: LatencySummary;
  /** The server's own time per act request in the bucket (all act routes pooled). */
  serverP99: number;
  cpuShare: number;
  /** Share of the bucket the server's event loop was busy. */
  elu: number;
  /** The machine's one-minute load average at the end of the bucket: tells a starved server from a slow one. */
  loadAverage: number;
  errors: number;
  rssMb: number;
  heapUsedMb: number;
}

export interface SoakFigures {
  kind: DatabaseKind;
  minutes: number;
  clients: number;
  commitsPerSecond: number;
  buckets: SoakBucket[];
  acts: LatencySummary;
  memory: MemorySample[];
  rss: MemoryTrend;
  heap: MemoryTrend;
  /** p99 of the acts answered in the middle and in the last third. */
  p99MiddleThird: number;
  p99LastThird: number;
  errors: number;
  errorKinds: Record<string, number>;
  errorSamples: string[];
  /** Expected refusals absorbed on the way: sign-ins throttled and retried. */
  refusals: number;
  pages: string;
  /** Every verdict of the soak met: no error, memory flat after warm-up. */
  passed: boolean;
  verdict: string;
}

const MB = 1024 * 1024;
const ACT_ROUTES = new Set(['POST /api/cases', 'POST /api/cases/:id/images', ...ACT_LABELS.map((a) => `POST /api/cases/:id/${a}`)]);

/** Act latencies by the time each answer arrived, in buckets of equal width from the start of the soak. */
class TimedActs implements ActRecorder {
  readonly pooled = new LatencyRecorder();
  readonly byBucket: number[][] = [];
  readonly byThird: { at: number; ms: number }[] = [];

  constructor(
    private readonly startedAt: number,
    private readonly bucketMs: number,
  ) {}

  record(label: string, ms: number): void {
    const at = performance.now() - this.startedAt;
    this.pooled.record(label, ms);
    (this.byBucket[Math.floor(at / this.bucketMs)] ??= []).push(ms);
    this.byThird.push({ at, ms });
  }
}

/** Reads the server's memory every `everyMs` until stopped. */
async function sampleMemory(server: RunningServer, startedAt: number, everyMs: number, signal: AbortSignal, out: MemorySample[]): Promise<void> {
  for (let next = startedAt; !signal.aborted;) {
    const m = await server.memory();
    out.push({ atMs: performance.now() - startedAt, rssBytes: m.rssBytes, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external });
    next += everyMs;
    await pause(next - performance.now(), signal);
  }
}

/** A sleep that ends early, without an error, when the soak is stopped. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(Math.max(0, ms), undefined, { signal }).catch(() => undefined);
}

function serverActP99(serverMs: Record<string, number[]>): number {
  return summarize(
    Object.entries(serverMs)
      .filter(([route]) => ACT_ROUTES.has(route))
      .flatMap(([, ms]) => ms),
  ).p99;
}

/**
 * The soak on one database: the think-time load of the latency section (clients walking full
 * chains with uploads of camera pages) for `soakMinutes`, on a fresh scratch database with the
 * real server in its own process. Reports errors, act latency per bucket (a minute by default) and
 * the server's memory over time, and judges memory flat after warm-up.
 */
export async function runSoakSection(kind: DatabaseKind, options: BenchOptions, images: JpegPool): Promise<SoakFigures> {
  return withBenchRig(kind, options, async ({ scratch, server, driver, sweeper, catalog }) => {
    const commit = await measureCommitRate(scratch.config, Math.min(2, options.commitSeconds));
    const now = new Date();
    const plans = syntheticCases({
      catalog,
      stations: stationRoster(),
      seed: options.seed + 7,
      from: new Date(now.getTime() - 30 * 86_400_000),
      to: now,
      count: 1_000_000,
    });

    const durationMs = options.soakMinutes * 60_000;
    const bucketMs = options.soakBucketSeconds * 1000;
    const bucketCount = Math.ceil(durationMs / bucketMs);
    console.log(
      `[${kind}] soak: ${options.clients} clients with think time (mean ${options.thinkMeanSeconds} s) for ${options.soakMinutes} min; ` +
        `memory read every ${options.soakSampleSeconds} s; raw commit rate ${commit.commitsPerSecond.toFixed(0)} commits/s`,
    );

    await server.usage();
    const startedAt = performance.now();
    const endAt = startedAt + durationMs;
    const acts = new TimedActs(startedAt, bucketMs);
    const errors = new ErrorLog(startedAt);
    const memory: MemorySample[] = [];
    const usage: { cpuShare: number; elu: number; serverP99: number; loadAverage: number }[] = [];
    // Ends every loop of the soak: at its end time, or at once when any of them fails.
    const ended = new AbortController();
    const end = () => ended.abort();
    const endTimer = setTimeout(end, durationMs);
    sweeper.start();
    const failOnError = <T>(run: Promise<T>) =>
      run.catch((error: unknown) => {
        end();
        throw error;
      });

    const clients = failOnError(
      driveClients({
        driver,
        images,
        plans,
        clients: options.clients,
        thinkMeanSeconds: options.thinkMeanSeconds,
        seed: options.seed + 777,
        recorder: acts,
        errors,
        stopped: () => ended.signal.aborted || performance.now() >= endAt,
        onPage: sweeper.add,
      }),
    );
    const sampler = failOnError(sampleMemory(server, startedAt, options.soakSampleSeconds * 1000, ended.signal, memory));
    const ticker = failOnError(
      (async () => {
        for (let i = 0; i < bucketCount && !ended.signal.aborted; i++) {
          await pause(Math.min(endAt, startedAt + (i + 1) * bucketMs) - performance.now(), ended.signal);
          const u = await server.usage();
          // NaN, as for every figure without a reading, should the system give no one-minute average.
          const [loadAverage = NaN] = os.loadavg();
          usage.push({ cpuShare: u.cpuShare, elu: u.elu, serverP99: serverActP99(u.serverMs), loadAverage });
          const s = summarize(acts.byBucket[i] ?? []);
          const m = memory[memory.length - 1];
          console.log(
            `  ${String(Math.round((performance.now() - startedAt) / 1000)).padStart(5)} s: ${String(s.count).padStart(5)} acts, p50 ${s.p50.toFixed(1)} ms, ` +
              `p99 ${s.p99.toFixed(1)} ms, errors so far ${errors.total}, RSS ${m ? (m.rssBytes / MB).toFixed(0) : '-'} MB, heap ${m ? (m.heapUsed / MB).toFixed(0) : '-'} MB`,
          );
        }
      })(),
    );
    const outcomes = await Promise.allSettled([clients, sampler, ticker]);
    clearTimeout(endTimer);
    await sweeper.stop();
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    const failure = rejected ? asError(rejected.reason) : undefined;
    const elapsedMs = performance.now() - startedAt;

    const buckets: SoakBucket[] = Array.from({ length: bucketCount }, (_, i) => {
      const startMs = i * bucketMs;
      const widthMs = Math.min(bucketMs, durationMs - startMs);
      const inBucket = memory.filter((m) => m.atMs >= startMs && m.atMs < startMs + widthMs);
      const last = inBucket[inBucket.length - 1];
      const client = summarize(acts.byBucket[i] ?? []);
      return {
        startSeconds: startMs / 1000,
        seconds: widthMs / 1000,
        acts: client.count,
        client,
        serverP99: usage[i]?.serverP99 ?? NaN,
        cpuShare: usage[i]?.cpuShare ?? NaN,
        elu: usage[i]?.elu ?? NaN,
        loadAverage: usage[i]?.loadAverage ?? NaN,
        errors: errors.times.filter((t) => t >= startMs && t < startMs + widthMs).length,
        rssMb: last ? last.rssBytes / MB : NaN,
        heapUsedMb: last ? last.heapUsed / MB : NaN,
      };
    });
    const third = elapsedMs / 3;
    const p99Of = (from: number, to: number) => summarize(acts.byThird.filter((a) => a.at >= from && a.at < to).map((a) => a.ms)).p99;
    const rss = memoryTrend(memory, elapsedMs, (s) => s.rssBytes, RSS_ALLOWANCE.floorMb, RSS_ALLOWANCE.share);
    const heap = memoryTrend(memory, elapsedMs, (s) => s.heapUsed, HEAP_ALLOWANCE.floorMb, HEAP_ALLOWANCE.share);
    const figures: SoakFigures = {
      kind,
      minutes: elapsedMs / 60_000,
      clients: options.clients,
      commitsPerSecond: commit.commitsPerSecond,
      buckets,
      acts: acts.pooled.pooled(),
      memory,
      rss,
      heap,
      p99MiddleThird: p99Of(third, 2 * third),
      p99LastThird: p99Of(2 * third, Infinity),
      errors: errors.total,
      errorKinds: Object.fromEntries(errors.errors),
      errorSamples: errors.sampleLines(),
      refusals: driver.throttledSignIns,
      pages: sweeper.summary(),
      passed: false,
      verdict: '',
    };
    figures.passed = !failure && figures.errors === 0 && rss.flat && heap.flat;
    const judged = options.mode === 'smoke' ? 'not judged at smoke size' : figures.passed ? 'PASS' : 'FAIL';
    figures.verdict =
      `[${kind}] SOAK VERDICT: ${judged}: errors ${figures.errors} (target 0); ` +
      `RSS ${rss.flat ? 'flat' : 'GROWING'} (${rss.growthMb >= 0 ? '+' : ''}${rss.growthMb.toFixed(1)} MB, ${rss.slopeMbPerHour.toFixed(1)} MB/hour); ` +
      `heap ${heap.flat ? 'flat' : 'GROWING'} (${heap.growthMb >= 0 ? '+' : ''}${heap.growthMb.toFixed(1)} MB, ${heap.slopeMbPerHour.toFixed(1)} MB/hour); ` +
      `act p99 ${figures.p99MiddleThird.toFixed(1)} ms (middle third) → ${figures.p99LastThird.toFixed(1)} ms (last third)`;
    printSoak(figures, acts.pooled, errors, options);
    if (failure) throw failure;
    return figures;
  });
}

function printSoak(f: SoakFigures, pooled: LatencyRecorder, errors: ErrorLog, options: BenchOptions): void {
  const unit = options.soakBucketSeconds === 60 ? 'minute' : `${options.soakBucketSeconds} s`;
  printTable(
    `[${f.kind}] soak over time, ${f.clients} clients with think time (one row per ${unit}; RSS and heap: the last reading in the row)`,
    [
      'from s',
      'acts',
      'acts/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'server p99',
      'server CPU',
      'loop busy',
      'load avg',
      'errors',
      'RSS MB',
      'heap used MB',
    ],
    f.buckets.map((b) => [
      b.startSeconds,
      b.acts,
      b.acts / b.seconds,
      b.client.p50,
      b.client.p99,
      b.client.max,
      b.serverP99,
      `${(b.cpuShare * 100).toFixed(0)}%`,
      `${(b.elu * 100).toFixed(0)}%`,
      b.loadAverage,
      b.errors,
      b.rssMb,
      b.heapUsedMb,
    ]),
  );
  console.log(
    `(load avg: the machine's one-minute load average at the row's end; the bench, the server and PostgreSQL make up to about 3 of it, ` +
      `more means other work competed for the ${os.availableParallelism()} cores)`,
  );
  printTable(
    `[${f.kind}] soak, every act of the run`,
    ['act', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    [
      ...ACT_LABELS.filter((a) => pooled.count(a) > 0).map((a) => {
        const s = pooled.summary(a);
        return [a, s.count, s.p50, s.p90, s.p99, s.max];
      }),
      ['all acts', f.acts.count, f.acts.p50, f.acts.p90, f.acts.p99, f.acts.max],
    ],
  );
  console.log(`\n[${f.kind}] errors: ${errors.summary()}${f.refusals ? `; sign-ins throttled and retried: ${f.refusals}` : ''}`);
  for (const line of f.errorSamples) console.log(line);
  console.log(`[${f.kind}] pages: ${f.pages}`);
  console.log(`[${f.kind}] ${describeTrend('RSS', f.rss)}`);
  console.log(`[${f.kind}] ${describeTrend('V8 heap used', f.heap)}`);
  console.log(`[${f.kind}] memory samples: ${f.memory.length} over ${seconds(f.minutes * 60_000)}`);
  if (options.mode === 'smoke')
    console.log(`[${f.kind}] smoke size: ${Math.round(f.minutes * 60)} s is all warm-up, so the memory trend means nothing here`);
  console.log(`\n${f.verdict}`);
}
