import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { assertAddress, assertDerivedKey, SHA256_HEX } from './addresses.ts';
import type { BlobStore, StoredBlob } from './blob-store.ts';
import { BlobWriterPool } from './blob-writer.ts';

// No space left on the device, or the quota of the account the server runs as is used up.
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
const SHARD = /^[0-9a-f]{2}$/;
const TEMP_PREFIX = '.tmp-';
// A blob set aside by removeIfOlderThan: `.tmp-aside-<epoch ms>-<uuid>`.
const ASIDE = /^\.tmp-aside-(\d+)-/;

function asStoreError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code || !FULL_CODES.has(code)) return error;
  const full = new AppError('STORAGE_FULL', { driverCode: code });
  full.cause = error;
  return full;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** The names in a directory, sorted; none when it does not exist (nothing stored yet). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await fs.promises.readdir(dir)).sort();
  } catch (error) {
    // Missing: nothing stored there yet. Not a directory: a stray file where a shard would be.
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}

/**
 * Originals under root/aa/bb/<sha256>, written on blob threads; derived images (previews,
 * thumbnails) under a directory of their own, so backups, verification and the orphan sweep see
 * originals only. The directory walks and derived reads and writes use Node's file system pool,
 * never the event loop.
 */
export class FsBlobStore implements BlobStore {
  private readonly threads = new BlobWriterPool();

  constructor(
    private readonly root: string,
    private readonly derivedRoot: string = `${root}-derived`,
  ) {}

  pathOf(sha256: string): string {
    assertAddress(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  derivedPathOf(key: string): string {
    assertDerivedKey(key);
    return path.join(this.derivedRoot, key.slice(0, 2), key);
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

  async digest(sha256: string): Promise<StoredBlob | null> {
    return this.threads.digest(this.pathOf(sha256));
  }

  async *list(): AsyncIterable<{ sha256: string; modifiedAt: Date }> {
    const atItsAddress = (name: string, dir: string) => SHA256_HEX.test(name) && path.join(this.root, name.slice(0, 2), name.slice(2, 4)) === dir;
    for await (const file of this.walk(atItsAddress)) {
      const stat = await this.statOrNull(file);
      if (stat) yield { sha256: path.basename(stat.file), modifiedAt: stat.mtime };
    }
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  /**
   * Renamed aside first, then judged by the modification time the rename kept: a put that renewed
   * the file before the rename is seen and the file goes back; a put after it finds no file and
   * writes the bytes anew. No moment exists at which a renewed blob is lost.
   */
  async removeIfOlderThan(sha256: string, cutoff: Date): Promise<boolean> {
    const file = this.pathOf(sha256);
    const aside = path.join(path.dirname(file), `${TEMP_PREFIX}aside-${Date.now()}-${randomUUID()}`);
    try {
      await fs.promises.rename(file, aside);
    } catch (error) {
      if (isMissing(error)) return true;
      throw error;
    }
    if ((await fs.promises.stat(aside)).mtime >= cutoff) {
      // Renewed by a put: back in place, unless a later put already wrote the same bytes there.
      await fs.promises.link(aside, file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      await fs.promises.rm(aside, { force: true });
      return false;
    }
    await fs.promises.rm(aside, { force: true });
    return true;
  }

  /**
   * Temp files of writes a crash interrupted (a failed write removes its own), and blobs a crash
   * left set aside mid-removal. An aside keeps the old blob's modification time while another
   * process may be deciding about it right now, so it is aged by the time in its name.
   */
  async removeIncomplete(olderThan: Date): Promise<number> {
    let removed = 0;
    for await (const file of this.walk((name) => name.startsWith(TEMP_PREFIX))) {
      const stat = await this.statOrNull(file);
      const setAside = ASIDE.exec(path.basename(file));
      const age = setAside ? new Date(Number(setAside[1])) : stat?.mtime;
      if (!stat || !age || age >= olderThan) continue;
      await fs.promises.rm(stat.file, { force: true });
      removed++;
    }
    return removed;
  }

  /**
   * Temp file, fdatasync, rename: a crash leaves the old image, the new one or none, never a torn
   * one the viewer would show. The directory is not synced: a lost derived image is made again.
   */
  async putDerived(key: string, bytes: Buffer): Promise<void> {
    const target = this.derivedPathOf(key);
    const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${randomUUID()}`);
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const handle = await fs.promises.open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw asStoreError(error);
    }
  }

  async getDerived(key: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(this.derivedPathOf(key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  close(): Promise<void> {
    return this.threads.close();
  }

  /** The paths of the files in root/aa/bb/ whose names pass the filter, in order, one directory listed at a time. */
  private async *walk(accept: (name: string, dir: string) => boolean): AsyncIterable<string> {
    for (const first of await namesIn(this.root)) {
      if (!SHARD.test(first)) continue;
      for (const second of await namesIn(path.join(this.root, first))) {
        if (!SHARD.test(second)) continue;
        const dir = path.join(this.root, first, second);
        for (const name of await namesIn(dir)) if (accept(name, dir)) yield path.join(dir, name);
      }
    }
  }

  private async statOrNull(file: string): Promise<{ file: string; mtime: Date } | null> {
    try {
      return { file, mtime: (await fs.promises.stat(file)).mtime };
    } catch (error) {
      // Removed between the listing and now (the sweep, or a concurrent put's temp file renamed).
      if (isMissing(error)) return null;
      throw error;
    }
  }
}
