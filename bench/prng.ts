/**
 * A small seeded PRNG (mulberry32). The workload must be the same on every run and on both
 * databases, so nothing in the generator touches Math.random.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error(`no item to pick from a list of ${items.length}`);
    return item;
  }

  /** Exponentially distributed with the given mean: the gaps of a Poisson arrival process. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A child generator whose sequence does not depend on how much of this one was used. */
  fork(salt: number): Rng {
    return new Rng((this.state ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
  }
}

/** Picks items by weight in O(log n) per draw through a cumulative table built once. */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('WeightedPicker needs one weight per item');
    let sum = 0;
    for (const w of weights) {
      if (!(w >= 0)) throw new Error(`negative or NaN weight: ${w}`);
      sum += w;
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('WeightedPicker needs a positive total weight');
    this.total = sum;
  }

  pick(rng: Rng): T {
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // The constructor made one cumulative weight per item, so every index of the search has both.
      const bound = this.cumulative[mid];
      if (bound === undefined) throw new Error(`no cumulative weight at ${mid} of ${this.cumulative.length}`);
      if (bound > target) hi = mid;
      else lo = mid + 1;
    }
    const item = this.items[lo];
    if (item === undefined) throw new Error(`no item at ${lo} of ${this.items.length}`);
    return item;
  }
}
