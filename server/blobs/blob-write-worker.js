// The body of a blob thread started by blob-writer.ts: it writes blobs, and reads and hashes them
// for the API. Plain JavaScript (checked by tsc through JSDoc) because a worker thread does not
// inherit the tsx loader the server runs under.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

/**
 * @typedef {{ id: number; op: 'write'; root: string; bytes: Uint8Array }} WriteRequest
 * @typedef {{ id: number; op: 'read'; file: string }} ReadRequest
 * @typedef {{ id: number; op: 'digest'; file: string }} DigestRequest
 * @typedef {WriteRequest | ReadRequest | DigestRequest} BlobRequest
 * @typedef {{ id: number; sha256: string; sm3: string; size: number; path: string; created: boolean }} WriteDone
 * @typedef {{ id: number; bytes: Uint8Array; sha256: string }} ReadDone
 * @typedef {{ id: number; size: number; sha256: string; sm3: string }} DigestDone
 * @typedef {{ id: number; missing: true }} Missing
 * @typedef {{ id: number; error: { message: string; code?: string } }} Failed
 */

/** @param {Uint8Array} bytes */
const sha256Of = (bytes) => createHash('sha256').update(bytes).digest('hex');
/** @param {Uint8Array} bytes */
const sm3Of = (bytes) => createHash('sm3').update(bytes).digest('hex');

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
 * place, fsync the directory. A crash leaves either no blob or the whole blob under its address; a
 * failure (a full disk) removes the temp file, so nothing half-written stays behind.
 * @param {WriteRequest} request
 * @returns {WriteDone}
 */
function write({ id, root, bytes }) {
  const sha256 = sha256Of(bytes);
  const sm3 = sm3Of(bytes);
  const dir = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  const target = path.join(dir, sha256);
  const done = { id, sha256, sm3, size: bytes.length, path: target };
  if (fs.existsSync(target)) return { ...done, created: false };
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${randomUUID()}`);
  const fd = fs.openSync(temp, 'wx', 0o440);
  try {
    try {
      fs.writeFileSync(fd, bytes);
      // fdatasync flushes the data and the size; the timestamps it skips are not needed to read the file back.
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fsyncPath(dir);
  return { ...done, created: true };
}

/**
 * The file's bytes in a buffer of their own, so the reply can move it to the main thread instead
 * of copying it. Small files come from Node's shared allocation pool, which must not move: copied.
 * @param {string} file
 * @returns {Uint8Array | null}
 */
function readOwned(file) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return null;
    throw error;
  }
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? bytes : new Uint8Array(bytes);
}

/**
 * @param {BlobRequest} request
 * @returns {{ reply: WriteDone | ReadDone | DigestDone | Missing; transfer?: ArrayBuffer[] }}
 */
function handle(request) {
  if (request.op === 'write') return { reply: write(request) };
  const bytes = readOwned(request.file);
  if (!bytes) return { reply: { id: request.id, missing: true } };
  if (request.op === 'read') {
    return { reply: { id: request.id, bytes, sha256: sha256Of(bytes) }, transfer: [/** @type {ArrayBuffer} */ (bytes.buffer)] };
  }
  return { reply: { id: request.id, size: bytes.length, sha256: sha256Of(bytes), sm3: sm3Of(bytes) } };
}

parentPort?.on('message', (/** @type {BlobRequest} */ request) => {
  try {
    const { reply, transfer } = handle(request);
    parentPort?.postMessage(reply, transfer);
  } catch (error) {
    const { message, code } = /** @type {NodeJS.ErrnoException} */ (error);
    parentPort?.postMessage({ id: request.id, error: { message, code } });
  }
});
