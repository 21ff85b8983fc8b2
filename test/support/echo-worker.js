// A worker for the request-thread tests: answers `echo` at once, never answers `hang`, dies on `die`.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.op === 'echo') parentPort.postMessage({ id: message.id, value: message.value, threadId });
  else if (message.op === 'die') process.exit(3);
});
