// A worker for the request-thread tests: answers `echo` at once, never answers `hang`, dies on `die`.
import { parentPort, threadId } from 'node:worker_threads';

const port = parentPort;
if (!port) throw new Error('echo-worker.js runs as a worker thread');
port.on('message', (/** @type {{ id: number; op: string; value?: number }} */ message) => {
  if (message.op === 'echo') port.postMessage({ id: message.id, value: message.value, threadId });
  else if (message.op === 'die') process.exit(3);
});
