import { Worker } from 'node:worker_threads';

/** What a blob thread reports for one written blob; `path` is where it put the bytes. */
export interface WrittenBlob {
  sha256: string;
  sm3: string;
  size: number;
  path: string;
  created: boolean;
}

/** A file read back on a thread, with the SHA-256 of what was read. */
export interface ReadBlob {
  bytes: Buffer;
  sha256: string;
}

/** The digests of a file, computed on a thread without sending its bytes back. */
export interface BlobDigest {
  size: number;
  sha256: string;
  sm3: string;
}

/** The digests of bytes in memory; sm3 is null when it was not asked for. */
export interface BytesDigest {
  size: number;
  sha256: string;
  sm3: string | null;
}

type Request =
  | { op: 'write'; root: string; bytes: Uint8Array }
  | { op: 'read'; file: string }
  | { op: 'digest'; file: string }
  | { op: 'hash'; bytes: Uint8Array; sm3: boolean };

type Reply = { id: number } & (
  WrittenBlob | { bytes: Uint8Array; sha256: string } | BlobDigest | BytesDigest | { missing: true } | { error: { message: string; code?: string } }
);

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/**
 * One thread hashing, writing and reading blobs (blob-write-worker.js). SM3 of a 2 MB scan takes
 * about 13 ms and the write protocol is several fsyncs and round trips: done here they would stall
 * every other request, done on a thread they cost the event loop one message. Requests queue on
 * the thread in order. The thread is started on first use, holds the process open only while a
 * request is in flight, and is replaced if it dies.
 */
class BlobThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  get inFlight(): number {
    return this.pending.size;
  }

  send(request: Request): Promise<Reply> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
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
    worker.on('exit', (code) => this.abandon(worker, new Error(`blob thread exited with code ${code}`)));
    return worker;
  }

  /** A dead thread fails what it held; the next request starts a new one. */
  private abandon(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** A few blob threads; each request goes to the least busy. */
export class BlobWriterPool {
  private readonly threads: BlobThread[];

  constructor(size = 2) {
    this.threads = Array.from({ length: size }, () => new BlobThread());
  }

  private send(request: Request): Promise<Reply> {
    const idlest = this.threads.reduce((best, thread) => (thread.inFlight < best.inFlight ? thread : best));
    return idlest.send(request);
  }

  async write(root: string, bytes: Uint8Array): Promise<WrittenBlob> {
    return (await this.send({ op: 'write', root, bytes })) as WrittenBlob;
  }

  /** Reads a file and hashes it with SHA-256 on a thread; null when there is no such file. */
  async read(file: string): Promise<ReadBlob | null> {
    const reply = await this.send({ op: 'read', file });
    if ('missing' in reply) return null;
    const { bytes, sha256 } = reply as { bytes: Uint8Array; sha256: string };
    return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), sha256 };
  }

  /** SHA-256 and SM3 of a file, on a thread; null when there is no such file. */
  async digest(file: string): Promise<BlobDigest | null> {
    const reply = await this.send({ op: 'digest', file });
    if ('missing' in reply) return null;
    const { size, sha256, sm3 } = reply as BlobDigest;
    return { size, sha256, sm3 };
  }

  /**
   * SHA-256 (and SM3 when asked) of bytes in memory, on a thread. The bytes are copied to it: a
   * copy of a 4 MB page costs the event loop far less than hashing it there.
   */
  async hash(bytes: Uint8Array, withSm3: boolean): Promise<BytesDigest> {
    const { size, sha256, sm3 } = (await this.send({ op: 'hash', bytes, sm3: withSm3 })) as BytesDigest;
    return { size, sha256, sm3 };
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}
