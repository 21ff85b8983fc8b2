import { encodeFrame, readFile, rotate } from './imaging-ops.ts';
import type { ImagingRequest, ImagingResponse } from './imaging.ts';

/** The worker side of imaging.ts: one request at a time, answered in the order received. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ImagingRequest>) => void) | null;
  postMessage: (message: ImagingResponse) => void;
}
const scope = self as unknown as WorkerScope;

let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(async () => {
    try {
      switch (request.kind) {
        case 'frame':
          scope.postMessage({ id: request.id, ok: true, image: await encodeFrame(request.bitmap) });
          break;
        case 'file':
          scope.postMessage({ id: request.id, ok: true, image: await readFile(request.blob, request.type) });
          break;
        case 'rotate':
          scope.postMessage({ id: request.id, ok: true, blob: await rotate(request.blob, request.type, request.rotation) });
          break;
      }
    } catch (error) {
      scope.postMessage({ id: request.id, ok: false, message: String(error) });
    }
  });
};
