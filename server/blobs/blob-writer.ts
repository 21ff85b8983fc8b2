import { RequestThreadPool } from '../threads/request-threads.ts';

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

/**
 * A few blob threads (blob-write-worker.js) hashing, writing and reading blobs; each request goes to
 * the least busy and queues on it in order. SM3 of a 2 MB scan takes about 13 ms and the write
 * protocol is several fsyncs and round trips: done on the event loop they would stall every other
 * request, done on a thread they cost it one message.
 */
export class BlobWriterPool {
  private readonly threads: RequestThreadPool<Request, Reply>;

  constructor(size = 2) {
    this.threads = new RequestThreadPool(size, { script: new URL('./blob-write-worker.js', import.meta.url), name: 'blob' });
  }

  private async send(request: Request): Promise<Reply> {
    const reply = await this.threads.send(request);
    if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply;
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
    await this.threads.close('the blob store was closed');
  }
}
