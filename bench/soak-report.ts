import { percentile } from './latency.ts';

/**
 * The soak's judgements, as plain arithmetic over what was sampled: memory flat after warm-up,
 * latency over time, errors. Kept apart from the run so the rules are in one readable place.
 */

export interface MemorySample {
  /** Milliseconds since the soak started. */
  atMs: number;
  rssBytes: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface MemoryTrend {
  /** Median of the samples in the middle third of the run (the first third is warm-up). */
  middleMedianMb: number;
  lastMedianMb: number;
  /** Last third's median minus the middle third's. */
  growthMb: number;
  /** That growth over the time between the two thirds' midpoints, per hour. */
  slopeMbPerHour: number;
  /** Least-squares slope over the last two thirds, per hour: a second view, less sensitive to one third's noise. */
  fitMbPerHour: number;
  /** Growth allowed before the trend counts as growing. */
  allowanceMb: number;
  flat: boolean;
  samples: number;
}

const MB = 1024 * 1024;
const HOUR_MS = 3_600_000;

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function leastSquaresSlope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/**
 * Flat after warm-up: the first third of the run is warm-up (caches, JIT, the database's first
 * pages); the median of the last third may exceed the middle third's by at most the allowance,
 * `floorMb` or `share` of the middle median, whichever is larger. Medians, so a GC's sawtooth or
 * one burst does not decide.
 */
export function memoryTrend(
  samples: MemorySample[],
  durationMs: number,
  read: (s: MemorySample) => number,
  floorMb: number,
  share: number,
): MemoryTrend {
  const third = durationMs / 3;
  const middle = samples.filter((s) => s.atMs >= third && s.atMs < 2 * third).map((s) => read(s) / MB);
  const last = samples.filter((s) => s.atMs >= 2 * third).map((s) => read(s) / MB);
  const middleMedianMb = median(middle);
  const lastMedianMb = median(last);
  const growthMb = lastMedianMb - middleMedianMb;
  const allowanceMb = Math.max(floorMb, share * middleMedianMb);
  return {
    middleMedianMb,
    lastMedianMb,
    growthMb,
    slopeMbPerHour: growthMb / (third / HOUR_MS),
    fitMbPerHour: leastSquaresSlope(samples.filter((s) => s.atMs >= third).map((s) => ({ x: s.atMs / HOUR_MS, y: read(s) / MB }))),
    allowanceMb,
    flat: middle.length > 0 && last.length > 0 && growthMb <= allowanceMb,
    samples: samples.length,
  };
}

export const RSS_ALLOWANCE = { floorMb: 16, share: 0.05 };
export const HEAP_ALLOWANCE = { floorMb: 8, share: 0.1 };

export function describeTrend(name: string, t: MemoryTrend): string {
  if (!Number.isFinite(t.middleMedianMb) || !Number.isFinite(t.lastMedianMb)) return `${name}: not enough samples to judge`;
  const sign = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
  return (
    `${name} ${t.flat ? 'flat after warm-up' : 'GROWING'}: median ${t.middleMedianMb.toFixed(1)} MB (middle third) → ${t.lastMedianMb.toFixed(1)} MB (last third), ` +
    `${sign(t.growthMb)} MB (allowed ${t.allowanceMb.toFixed(1)}), slope ${sign(t.slopeMbPerHour)} MB/hour (least squares over the last two thirds ${sign(t.fitMbPerHour)} MB/hour)`
  );
}
