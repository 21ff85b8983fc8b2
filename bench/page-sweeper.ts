import fs from 'node:fs/promises';
import { FsBlobStore } from '../server/blobs/fs-store.ts';
import { asError } from './as-error.ts';

/**
 * Keeps the scratch blob store from filling the disk. Camera pages are 2 to 4 MB and the
 * think-time load captures about 20 of them a second: 30 minutes of soak would write about 100 GB.
 * The server never reads a page back in this workload, so a page's file is deleted from the
 * scratch data dir a while after the server stored it (its metadata rows stay). The cost is an
 * unlink beside the server's writes, the same for every run; `--keep-pages` turns it off where the
 * disk is big enough.
 */
export class PageSweeper {
  private readonly layout: FsBlobStore;
  private queue: { sha256: string; at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  pagesStored = 0;
  deleted = 0;
  bytesFreed = 0;
  /** Files that were not where the server's layout says: a growing count means the sweeper no longer matches the store. */
  missing = 0;

  constructor(
    blobDir: string,
    private readonly keepMs: number,
    readonly enabled: boolean,
  ) {
    // Only for pathOf: the store's own layout, so a change there cannot leave pages behind silently.
    this.layout = new FsBlobStore(blobDir);
  }

  add = (sha256: string): void => {
    this.pagesStored++;
    if (this.enabled) this.queue.push({ sha256, at: performance.now() });
  };

  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(
      () => {
        this.sweeping = this.sweeping
          .then(() => this.sweep(performance.now() - this.keepMs))
          .catch((error: unknown) => {
            this.failure ??= asError(error);
          });
      },
      Math.min(5_000, Math.max(500, this.keepMs)),
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
    if (this.failure) throw this.failure;
  }

  private async sweep(olderThan: number): Promise<void> {
    // The queue is in upload order: the due pages are the ones before the first that is not due yet.
    let due = 0;
    for (const page of this.queue) {
      if (page.at >= olderThan) break;
      due++;
    }
    const batch = this.queue.slice(0, due);
    this.queue = this.queue.slice(due);
    for (const { sha256 } of batch) {
      const file = this.layout.pathOf(sha256);
      try {
        const { size } = await fs.stat(file);
        await fs.unlink(file);
        this.deleted++;
        this.bytesFreed += size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        this.missing++;
      }
    }
  }

  summary(): string {
    if (!this.enabled) return `${this.pagesStored.toLocaleString('en-US')} pages stored, all kept (--keep-pages)`;
    return (
      `${this.pagesStored.toLocaleString('en-US')} pages stored; ${this.deleted.toLocaleString('en-US')} page files deleted ${Math.round(this.keepMs / 1000)} s after upload ` +
      `(${(this.bytesFreed / 1e9).toFixed(1)} GB)${this.missing ? `; ${this.missing} NOT FOUND where the store's layout puts them` : ''}`
    );
  }
}
