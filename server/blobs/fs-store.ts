import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { sha256Hex, sm3Hex } from './digests.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new AppError('NOT_FOUND', { sha256 });
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  // Write to a temp file, fsync, rename into place, fsync the directory: a crash leaves either
  // no blob or the whole blob under its address, never a torn one.
  async put(bytes: Buffer): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const stored = { sha256, sm3: sm3Hex(bytes), size: bytes.length };
    const target = this.pathOf(sha256);
    if (await this.exists(target)) return stored;
    const dir = path.dirname(target);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.tmp-${randomUUID()}`);
    const handle = await fs.open(temp, 'wx', 0o440);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    await fsyncPath(dir);
    return stored;
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

  private async exists(target: string): Promise<boolean> {
    try {
      await fs.access(target);
      return true;
    } catch {
      return false;
    }
  }
}
