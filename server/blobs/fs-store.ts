import path from 'node:path';
import { AppError } from '../errors.ts';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { BlobWriterPool } from './blob-writer.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
// No space left on the device, or the quota of the account the server runs as is used up.
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

function asStoreError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code || !FULL_CODES.has(code)) return error;
  const full = new AppError('STORAGE_FULL', { driverCode: code });
  full.cause = error;
  return full;
}

export class FsBlobStore implements BlobStore {
  private readonly threads = new BlobWriterPool();

  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new AppError('NOT_FOUND', { sha256 });
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Hashing and the durable write protocol run on blob threads (blob-write-worker.js). */
  async put(bytes: Buffer): Promise<StoredBlob> {
    let written;
    try {
      written = await this.threads.write(this.root, bytes);
    } catch (error) {
      throw asStoreError(error);
    }
    // The thread lays files out by itself; a drift from pathOf would make blobs unreadable.
    if (written.path !== this.pathOf(written.sha256)) throw new Error(`blob writer put ${written.sha256} at ${written.path}`);
    return { sha256: written.sha256, sm3: written.sm3, size: written.size };
  }

  /** Read and hashed on a blob thread: opening a 4 MB page costs the event loop one message. */
  async get(sha256: string): Promise<Buffer> {
    const read = await this.threads.read(this.pathOf(sha256));
    if (!read || read.sha256 !== sha256) throw new AppError('BLOB_INTEGRITY_FAILED', { sha256 });
    return read.bytes;
  }

  digest(sha256: string): Promise<StoredBlob | null> {
    return this.threads.digest(this.pathOf(sha256));
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}
