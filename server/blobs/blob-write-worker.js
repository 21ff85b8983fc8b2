// The body of the blob writer thread started by blob-writer.ts. Plain JavaScript (checked by tsc
// through JSDoc) because a worker thread does not inherit the tsx loader the server runs under.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

/**
 * @typedef {{ id: number; root: string; bytes: Uint8Array }} WriteRequest
 * @typedef {{ id: number; sha256: string; sm3: string; size: number; path: string; created: boolean }} WriteDone
 * @typedef {{ id: number; error: { message: string; code?: string } }} WriteFailed
 */

/** @param {string} file */
function fsyncPath(file) {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Hashes the bytes, then writes them under root/aa/bb/<sha256>: temp file, fdatasync, rename into
 * place, fsync the directory. A crash leaves either no blob or the whole blob under its address.
 * @param {WriteRequest} request
 * @returns {WriteDone}
 */
function write({ id, root, bytes }) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sm3 = createHash('sm3').update(bytes).digest('hex');
  const dir = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  const target = path.join(dir, sha256);
  const done = { id, sha256, sm3, size: bytes.length, path: target };
  if (fs.existsSync(target)) return { ...done, created: false };
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${randomUUID()}`);
  const fd = fs.openSync(temp, 'wx', 0o440);
  try {
    fs.writeFileSync(fd, bytes);
    // fdatasync flushes the data and the size; the timestamps it skips are not needed to read the file back.
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, target);
  fsyncPath(dir);
  return { ...done, created: true };
}

parentPort?.on('message', (/** @type {WriteRequest} */ request) => {
  try {
    parentPort?.postMessage(write(request));
  } catch (error) {
    const { message, code } = /** @type {NodeJS.ErrnoException} */ (error);
    parentPort?.postMessage({ id: request.id, error: { message, code } });
  }
});
