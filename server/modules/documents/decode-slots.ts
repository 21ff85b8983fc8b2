import os from 'node:os';

/**
 * How many pages this process decodes and analyses at once. A 12-megapixel page in analysis holds
 * 30–60 MB (its pixels at preview size, the grey analysis image, libvips' buffers) for a fraction
 * of a second of CPU; more pages at once than there are cores do the same work no sooner, while
 * memory grows with each (docs/PERFORMANCE.md, ingest). Uploads beyond it wait here, in order.
 */
export class DecodeSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error('DecodeSlots needs at least one slot');
  }

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export const decodeSlots = new DecodeSlots(Math.max(1, os.availableParallelism()));
