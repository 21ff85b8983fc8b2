/** Latency samples by label, with nearest-rank percentiles (no interpolation: every figure is a real sample). */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  const value = sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  if (value === undefined) throw new Error(`percentile ${p} has no rank among ${sorted.length} samples`);
  return value;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/** Where the chain walker reports each act's latency. */
export interface ActRecorder {
  record(label: string, ms: number): void;
}

export class LatencyRecorder implements ActRecorder {
  private readonly samples = new Map<string, number[]>();
  /** While false, record() drops samples: used for warm-up and after the measuring window closes. */
  recording = true;

  record(label: string, ms: number): void {
    if (!this.recording) return;
    let list = this.samples.get(label);
    if (!list) this.samples.set(label, (list = []));
    list.push(ms);
  }

  labels(): string[] {
    return [...this.samples.keys()];
  }

  count(label?: string): number {
    return label ? (this.samples.get(label)?.length ?? 0) : [...this.samples.values()].reduce((n, l) => n + l.length, 0);
  }

  summary(label: string): LatencySummary {
    return summarize(this.samples.get(label) ?? []);
  }

  /** All labels pooled, or only those given. */
  pooled(labels: string[] = this.labels()): LatencySummary {
    return summarize(labels.flatMap((l) => this.samples.get(l) ?? []));
  }
}
