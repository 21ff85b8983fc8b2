import { Worker } from 'node:worker_threads';

/** SQLite's answer to a checkpoint: WAL frames in the log and how many of them are now in the database file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. With synchronous=FULL a checkpoint writes back
 * and fsyncs the database file; SQLite's automatic checkpoint does that inside whichever commit
 * crosses the threshold, stalling that request and every request queued behind it. A second
 * connection in a worker thread (sqlite-checkpoint-worker.js) checkpoints instead, concurrently
 * with the writer, and the main connection keeps a far larger automatic threshold only as a bound
 * in case the thread falls behind or dies.
 */
export interface Checkpointer {
  /** One checkpoint now, on the thread; for tests and operators. */
  checkpointNow(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;

type WorkerMessage =
  { type: 'error'; message: string } | { type: 'checkpoint-failed'; message: string } | ({ type: 'checkpointed' } & CheckpointResult);

interface Waiting {
  resolve(result: CheckpointResult): void;
  reject(error: Error): void;
}

export function startCheckpointer(file: string, intervalMs = 200): Checkpointer {
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.js', import.meta.url), { workerData: { file, intervalMs } });
  // The thread must never keep a finished process alive.
  worker.unref();
  const waiting: Waiting[] = [];
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'error') {
      process.emitWarning(`SQLite background checkpoint failed: ${message.message}`);
      return;
    }
    const next = waiting.shift();
    if (message.type === 'checkpoint-failed') next?.reject(new Error(`SQLite checkpoint failed: ${message.message}`));
    else next?.resolve({ busy: message.busy, log: message.log, checkpointed: message.checkpointed });
    if (waiting.length === 0) worker.unref();
  });
  worker.on('error', (error) => process.emitWarning(`SQLite checkpoint thread stopped: ${error.message}`));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    checkpointNow() {
      return new Promise<CheckpointResult>((resolve, reject) => {
        worker.ref();
        waiting.push({ resolve, reject });
        void exited.then(() => reject(new Error('the checkpoint thread has stopped')));
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      // Referenced again while stopping: otherwise a process with nothing else to do would exit
      // before the thread has closed its connection, and the caller's await would never return.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
