import { measureCommitRate, type CommitRate } from './commit-rate.ts';
import type { HttpDriver } from './http-driver.ts';
import type { JpegPool } from './jpeg-pool.ts';
import { type LatencySummary, summarize } from './latency.ts';
import { runLoad, type LoadRunResult } from './load-run.ts';
import type { BenchOptions } from './options.ts';
import { latencyRatio, printTable, rateRatio } from './report.ts';
import type { ScratchDatabase } from './scratch-db.ts';
import type { RunningServer } from './server-handle.ts';
import type { PlannedCase } from './workload.ts';

export const ACT_LABELS = ['accept', 'capture', 'verify', 'submit', 'review', 'approve', 'return', 'complete', 'withdraw'];

export interface WorkflowFigures {
  commit: CommitRate;
  /** GET /api/health, one at a time: the floor of an HTTP round trip on loopback with fetch. */
  httpFloor: LatencySummary;
  closed: LoadRunResult[];
  think: LoadRunResult;
}

async function httpFloor(driver: HttpDriver, requests: number): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const res = await driver.send('GET', '/api/health');
    if (i >= requests / 6) samples.push(res.ms);
  }
  return summarize(samples);
}

function errorsText(run: LoadRunResult): string {
  return [run.errors.summary(), ...run.errors.sampleLines()].join('\n');
}

/** The server route each act of the bench is sent to, as the server labels its own timings. */
function routeOf(act: string): string {
  if (act === 'accept') return 'POST /api/cases';
  return act === 'capture' ? 'POST /api/cases/:id/images' : `POST /api/cases/:id/${act}`;
}

function printActTable(title: string, run: LoadRunResult, commitsPerSecond: number): void {
  const labels = ACT_LABELS.filter((l) => run.latencies.count(l) > 0);
  const serverSide = (acts: string[]) => summarize(acts.flatMap((act) => run.usage.serverMs[routeOf(act)] ?? []));
  const rows = labels.map((label) => {
    const s = run.latencies.summary(label);
    const server = serverSide([label]);
    return [label, s.count, s.p50, s.p90, s.p99, s.max, latencyRatio(s.p99, commitsPerSecond), server.p50, server.p99];
  });
  const all = run.latencies.pooled();
  const allServer = serverSide(labels);
  rows.push(['all acts', all.count, all.p50, all.p90, all.p99, all.max, latencyRatio(all.p99, commitsPerSecond), allServer.p50, allServer.p99]);
  printTable(title, ['act', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'p99 / commit', 'server p50', 'server p99'], rows);
  console.log(
    `acts/s ${run.actsPerSecond.toFixed(1)} (${rateRatio(run.actsPerSecond, commitsPerSecond)} the commit rate); server CPU ${(run.usage.cpuShare * 100).toFixed(0)}% of a core, event loop busy ${(run.usage.elu * 100).toFixed(0)}%; errors: ${errorsText(run)}`,
  );
}

/** Raw commit rate, then full chains over HTTP: closed loop at each concurrency level, then 50 clients with think time. */
export async function runWorkflowSection(input: {
  options: BenchOptions;
  scratch: ScratchDatabase;
  server: RunningServer;
  driver: HttpDriver;
  images: JpegPool;
  plans: Iterator<PlannedCase>;
  onPage: (sha256: string) => void;
}): Promise<WorkflowFigures> {
  const { options, scratch, server, driver, images, plans, onPage } = input;
  const commit = await measureCommitRate(scratch.config, options.commitSeconds);
  printTable(
    `[${scratch.kind}] raw commit rate (single-row INSERT transactions, one stream)`,
    ['commits/s', 'commit ms', 'commits'],
    [[commit.commitsPerSecond, 1000 / commit.commitsPerSecond, commit.commits]],
  );

  const floor = await httpFloor(driver, options.floorRequests);
  console.log(`HTTP floor (GET /api/health, one client): p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms`);

  const closed: LoadRunResult[] = [];
  for (const clients of options.chainConcurrency) {
    const run = await runLoad({
      server,
      driver,
      images,
      plans,
      clients,
      thinkMeanSeconds: 0,
      seed: options.seed + clients,
      onPage,
      warmupMs: options.warmupSeconds * 1000,
      measureMs: options.chainSeconds * 1000,
    });
    closed.push(run);
    console.log(
      `  closed loop, ${clients} clients: ${run.chainsPerSecond.toFixed(2)} chains/s, ${run.actsPerSecond.toFixed(0)} acts/s, errors: ${errorsText(run)}`,
    );
  }
  printTable(
    `[${scratch.kind}] full approval chains per second, closed loop (accept → capture → verify → submit → review/approve → complete)`,
    ['clients', 'chains/s', 'chains/s ÷ commits/s', 'acts/s', 'acts/s ÷ commits/s', 'p50 act ms', 'p99 act ms', 'server CPU', 'event loop busy'],
    closed.map((r) => {
      const all = r.latencies.pooled();
      return [
        r.clients,
        r.chainsPerSecond,
        rateRatio(r.chainsPerSecond, commit.commitsPerSecond),
        r.actsPerSecond,
        rateRatio(r.actsPerSecond, commit.commitsPerSecond),
        all.p50,
        all.p99,
        `${(r.usage.cpuShare * 100).toFixed(0)}%`,
        `${(r.usage.elu * 100).toFixed(0)}%`,
      ];
    }),
  );
  const saturated = closed.at(-1);
  if (!saturated) throw new Error('no closed-loop run to report: --chain-concurrency named no level above 0');
  printActTable(
    `[${scratch.kind}] act latency, closed loop with ${saturated.clients} clients (saturation: each client sends its next act as soon as the answer arrives)`,
    saturated,
    commit.commitsPerSecond,
  );

  const think = await runLoad({
    server,
    driver,
    images,
    plans,
    clients: options.clients,
    thinkMeanSeconds: options.thinkMeanSeconds,
    seed: options.seed + 99,
    onPage,
    warmupMs: options.warmupSeconds * 1000,
    measureMs: options.thinkSeconds * 1000,
  });
  printActTable(
    `[${scratch.kind}] act latency, ${options.clients} clients with think time (exponential, mean ${options.thinkMeanSeconds} s): the 25 ms target is judged here`,
    think,
    commit.commitsPerSecond,
  );
  return { commit, httpFloor: floor, closed, think };
}
