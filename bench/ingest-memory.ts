import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { leastSquaresSlope, median, RSS_ALLOWANCE } from './soak-report.ts';

/**
 * The resident memory of another process, read from outside it (/proc/<pid>/status, Linux): VmRSS
 * now and VmHWM, the kernel's own peak of VmRSS over the process's life, which no sampling interval
 * can miss. Used on the server under test and on the import process.
 */
export interface ResidentMemory {
  rssBytes: number;
  peakBytes: number;
}

const MB = 1024 * 1024;

export function readResident(pid: number): ResidentMemory | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined; // the process has ended
  }
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  };
  const rssBytes = field('VmRSS');
  const peakBytes = field('VmHWM');
  // A zombie has no memory lines left: it has ended as far as memory goes.
  if (rssBytes === undefined || peakBytes === undefined) return undefined;
  return { rssBytes, peakBytes };
}

export interface RssSample {
  /** Milliseconds since sampling started. */
  atMs: number;
  rssBytes: number;
}

/** Samples a process's RSS every `everyMs` until stopped or the process ends; keeps its last VmHWM. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  peakBytes = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly pid: number,
    everyMs: number,
  ) {
    const started = performance.now();
    this.loop = (async () => {
      for (let next = started; this.running;) {
        const m = readResident(this.pid);
        if (!m) return;
        this.samples.push({ atMs: performance.now() - started, rssBytes: m.rssBytes });
        this.peakBytes = m.peakBytes;
        next += everyMs;
        await sleep(Math.max(0, next - performance.now()));
      }
    })();
  }

  /** Stops sampling (after one last reading, while the process is still there). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    const last = readResident(this.pid);
    if (last) this.peakBytes = last.peakBytes;
  }

  get sampledPeakBytes(): number {
    return Math.max(0, ...this.samples.map((s) => s.rssBytes));
  }
}

export interface GrowthTrend {
  samples: number;
  firstQuartileMb: number;
  lastQuartileMb: number;
  /** Median of the last quarter of the run minus the median of the first quarter. */
  growthMb: number;
  /** Least-squares slope of RSS over the last three quarters (the start, loading code and filling caches, left out). */
  slopeMbPerHour: number;
  /** Growth allowed before memory counts as growing: 16 MB or 5% of the first quarter's median, as the soak allows. */
  allowanceMb: number;
  flat: boolean;
}

/**
 * Does memory grow over a run? The last quarter's median against the first quarter's (medians, so a
 * garbage collection's sawtooth does not decide), and the least-squares slope beside it. The first
 * quarter includes the start (modules loaded, the first pages' buffers): growth after it is what a
 * longer run would keep adding.
 */
export function growthTrend(samples: readonly RssSample[]): GrowthTrend {
  const end = samples.at(-1)?.atMs ?? 0;
  const first = samples.filter((s) => s.atMs <= end / 4).map((s) => s.rssBytes / MB);
  const last = samples.filter((s) => s.atMs >= (3 * end) / 4).map((s) => s.rssBytes / MB);
  const firstQuartileMb = median(first);
  const lastQuartileMb = median(last);
  const growthMb = lastQuartileMb - firstQuartileMb;
  const allowanceMb = Math.max(RSS_ALLOWANCE.floorMb, RSS_ALLOWANCE.share * firstQuartileMb);
  return {
    samples: samples.length,
    firstQuartileMb,
    lastQuartileMb,
    growthMb,
    slopeMbPerHour: leastSquaresSlope(samples.filter((s) => s.atMs > end / 4).map((s) => ({ x: s.atMs / 3_600_000, y: s.rssBytes / MB }))),
    allowanceMb,
    flat: first.length > 0 && last.length > 0 && growthMb <= allowanceMb,
  };
}
