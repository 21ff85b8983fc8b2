// The body of the SQLite checkpoint thread started by sqlite-checkpointer.ts. Plain JavaScript
// (checked by tsc through JSDoc) because a worker thread does not inherit the tsx loader the rest
// of the server runs under.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string; intervalMs: number }} */
const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

/** PASSIVE never waits for the writer or for readers: it copies what it can and tries again next tick. */
function checkpoint() {
  const [result] = /** @type {{ busy: number; log: number; checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
  return result;
}

const timer = setInterval(() => {
  try {
    checkpoint();
  } catch (error) {
    parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}, intervalMs);

parentPort?.on('message', (/** @type {'stop' | 'checkpoint'} */ message) => {
  if (message === 'checkpoint') {
    try {
      parentPort?.postMessage({ type: 'checkpointed', ...checkpoint() });
    } catch (error) {
      parentPort?.postMessage({ type: 'checkpoint-failed', message: error instanceof Error ? error.message : String(error) });
    }
  } else if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort?.close();
  }
});
