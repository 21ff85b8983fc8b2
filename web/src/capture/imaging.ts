import { encodeFrame, type PageImage, type PageType, readFile, rotate, type Rotation } from './imaging-ops.ts';

export type ImagingRequest =
  | { id: number; kind: 'frame'; bitmap: ImageBitmap }
  | { id: number; kind: 'file'; blob: Blob; type: PageType }
  | { id: number; kind: 'rotate'; blob: Blob; type: PageType; rotation: Rotation };

export type ImagingResponse = { id: number; ok: true; image?: PageImage; blob?: Blob } | { id: number; ok: false; message: string };

type Pending = { resolve: (response: ImagingResponse & { ok: true }) => void; reject: (error: Error) => void };

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** The imaging worker, started on first use; null where the browser cannot draw off the page. */
function imagingWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return (worker = null);
  worker = new Worker(new URL('./imaging.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ImagingResponse>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (!waiting) return;
    if (answer.ok) waiting.resolve(answer);
    else waiting.reject(new Error(answer.message));
  };
  return worker;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type RequestBody = WithoutId<ImagingRequest>;

function ask(body: RequestBody, transfer: Transferable[] = []): Promise<ImagingResponse & { ok: true }> {
  const target = imagingWorker();
  if (!target) throw new Error('no worker');
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.postMessage({ ...body, id }, transfer);
  });
}

/**
 * Takes the frame the camera shows now. Grabbing the frame is quick and happens here; drawing and
 * encoding it (a 12 MP JPEG takes a few hundred milliseconds) happens in the worker.
 */
export async function captureFrame(video: HTMLVideoElement): Promise<PageImage> {
  const bitmap = await createImageBitmap(video);
  if (!imagingWorker()) return encodeFrame(bitmap);
  const answer = await ask({ kind: 'frame', bitmap }, [bitmap]);
  if (!answer.image) throw new Error('no image');
  return answer.image;
}

export async function readImageFile(blob: Blob, type: PageType): Promise<PageImage> {
  if (!imagingWorker()) return readFile(blob, type);
  const answer = await ask({ kind: 'file', blob, type });
  if (!answer.image) throw new Error('no image');
  return answer.image;
}

/** The bytes to upload for a page turned by the officer: the turn is drawn into the image itself. */
export async function rotatedBytes(blob: Blob, type: PageType, rotation: Rotation): Promise<Blob> {
  if (rotation === 0) return blob;
  if (!imagingWorker()) return rotate(blob, type, rotation);
  const answer = await ask({ kind: 'rotate', blob, type, rotation });
  if (!answer.blob) throw new Error('no image');
  return answer.blob;
}
