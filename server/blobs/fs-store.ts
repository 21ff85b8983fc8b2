import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { BlobWriterPool } from './blob-writer.ts';
import { sha256Hex } from './digests.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class FsBlobStore implements BlobStore {
  private readonly writers = new BlobWriterPool();

  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new AppError('NOT_FOUND', { sha256 });
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Hashing and the durable write protocol run on writer threads (blob-write-worker.js). */
  async put(bytes: Buffer): Promise<StoredBlob> {
    const written = await this.writers.write(this.root, bytes);
    // The thread lays files out by itself; a drift from pathOf would make blobs unreadable.
    if (written.path !== this.pathOf(written.sha256)) throw new Error(`blob writer put ${written.sha256} at ${written.path}`);
    return { sha256: written.sha256, sm3: written.sm3, size: written.size };
  }

  close(): Promise<void> {
    return this.writers.close();
  }

  async get(sha256: string): Promise<Buffer> {
    const bytes = await this.readRaw(sha256);
    if (!bytes || sha256Hex(bytes) !== sha256) throw new AppError('BLOB_INTEGRITY_FAILED', { sha256 });
    return bytes;
  }

  async readRaw(sha256: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
