// The body of a blob thread started by blob-writer.ts: it writes blobs, reads and hashes them for
// the API, and hashes bytes that another store (S3) fetched or is about to send. Plain JavaScript (checked by tsc through JSDoc) because a worker thread does not
// inherit the tsx loader the server runs under.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

/**
 * @typedef {{ id: number; op: 'write'; root: string; bytes: Uint8Array }} WriteRequest
 * @typedef {{ id: number; op: 'read'; file: string }} ReadRequest
 * @typedef {{ id: number; op: 'digest'; file: string }} DigestRequest
 * @typedef {{ id: number; op: 'hash'; bytes: Uint8Array; sm3: boolean }} HashRequest
 * @typedef {WriteRequest | ReadRequest | DigestRequest | HashRequest} BlobRequest
 * @typedef {{ id: number; sha256: string; sm3: string; size: number; path: string; created: boolean }} WriteDone
 * @typedef {{ id: number; bytes: Uint8Array; sha256: string }} ReadDone
 * @typedef {{ id: number; size: number; sha256: string; sm3: string }} DigestDone
 * @typedef {{ id: number; size: number; sha256: string; sm3: string | null }} HashDone
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
 * Marks an intact stored blob as just written; false when it is gone (the orphan sweep took it
 * meanwhile: it is written anew). A file the server may not touch (restored from a backup under
 * another owner, a read-only mount) stays as it is: the bytes are there, and the sweep's check
 * after a removal still puts back bytes whose row appeared meanwhile.
 * @param {string} file
 * @returns {boolean}
 */
function renewModificationTime(file) {
  const now = new Date();
  try {
    fs.utimesSync(file, now, now);
    return true;
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (code === 'ENOENT') return false;
    if (code === 'EPERM' || code === 'EACCES' || code === 'EROFS') return true;
    throw error;
  }
}

/**
 * Hashes the bytes, then writes them under root/aa/bb/<sha256>: temp file, fdatasync, rename into
 * place, fsync the directory. A crash leaves either no blob or the whole blob under its address; a
 * failure (a full disk) removes the temp file, so nothing half-written stays behind. Bytes already
 * stored intact get a new modification time instead: the orphan sweep measures its grace period
 * from it, and an old unreferenced copy is about to get its row. A damaged copy is replaced.
 * @param {WriteRequest} request
 * @returns {WriteDone}
 */
function write({ id, root, bytes }) {
  const sha256 = sha256Of(bytes);
  const sm3 = sm3Of(bytes);
  const dir = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  const target = path.join(dir, sha256);
  const done = { id, sha256, sm3, size: bytes.length, path: target };
  const existing = readOwned(target);
  if (existing && sha256Of(existing) === sha256 && renewModificationTime(target)) return { ...done, created: false };
  // Absent, present with other bytes (a damaged copy) or just removed: written anew, the rename replaces it.
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
 * @returns {{ reply: WriteDone | ReadDone | DigestDone | HashDone | Missing; transfer?: ArrayBuffer[] }}
 */
function handle(request) {
  if (request.op === 'write') return { reply: write(request) };
  if (request.op === 'hash') {
    const { id, bytes, sm3 } = request;
    return { reply: { id, size: bytes.length, sha256: sha256Of(bytes), sm3: sm3 ? sm3Of(bytes) : null } };
  }
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
