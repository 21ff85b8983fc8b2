import { Worker } from 'node:worker_threads';

/** What the writer thread reports for one blob; `path` is where it put the bytes. */
export interface WrittenBlob {
  sha256: string;
  sm3: string;
  size: number;
  path: string;
  created: boolean;
}

type Reply = ({ id: number } & WrittenBlob) | { id: number; error: { message: string; code?: string } };

interface Pending {
  resolve(blob: WrittenBlob): void;
  reject(error: Error): void;
}

/**
 * One thread hashing and durably writing blobs (blob-write-worker.js). SM3 of a 2 MB scan takes
 * about 13 ms and the write protocol is several fsyncs and round trips: done here they would stall
 * every other request, done on a thread they cost the event loop one message. The thread is
 * started on first use, holds the process open only while a write is in flight, and is replaced
 * if it dies.
 */
class WriterThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  get inFlight(): number {
    return this.pending.size;
  }

  write(root: string, bytes: Uint8Array): Promise<WrittenBlob> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise<WrittenBlob>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, root, bytes });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.abandon(worker, new Error('the blob store was closed'));
    await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./blob-write-worker.js', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else pending.resolve(reply);
    });
    worker.on('error', (error) => this.abandon(worker, error));
    worker.on('exit', (code) => this.abandon(worker, new Error(`blob writer thread exited with code ${code}`)));
    return worker;
  }

  /** A dead thread fails what it held; the next write starts a new one. */
  private abandon(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** A few writer threads; each write goes to the least busy. */
export class BlobWriterPool {
  private readonly threads: WriterThread[];

  constructor(size = 2) {
    this.threads = Array.from({ length: size }, () => new WriterThread());
  }

  write(root: string, bytes: Uint8Array): Promise<WrittenBlob> {
    const idlest = this.threads.reduce((best, thread) => (thread.inFlight < best.inFlight ? thread : best));
    return idlest.write(root, bytes);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}
