import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';

/**
 * A scanner's PDF: each page is an image of a sheet. pdf.js (Apache-2.0) reads it and renders a page
 * onto a canvas (@napi-rs/canvas) on a thread of its own (pdf-worker.js); no script in the file runs,
 * no font is fetched, nothing leaves the process. A file pdf.js cannot read is refused as undecodable,
 * and so is one that takes longer than PDF_TIMEOUT_MS: its thread is ended and a new one started.
 */

/** Renders at most this resolution: enough to judge and show a scan, within the pixel bound. */
export const RENDER_DPI = 200;
/** A scanned page renders in about a second; a file that takes this long is hostile or broken. */
const PDF_TIMEOUT_MS = 30_000;

export interface RenderedPdfPage {
  /** RGBA, row-major, on white. */
  data: Buffer;
  width: number;
  height: number;
  /** The largest image the page paints, in its own pixels (the scan); 0 × 0 when it paints none. */
  captureWidth: number;
  captureHeight: number;
}

type Request =
  { op: 'count'; bytes: Uint8Array; maxPixels: number } | { op: 'render'; bytes: Uint8Array; pageIndex: number; maxPixels: number; dpi: number };
type Reply = { id: number } & ({ pageCount: number } | Omit<RenderedPdfPage, 'data'> | { error: { name: string; message: string } });
type RenderReply = { id: number; data: Uint8Array; width: number; height: number; captureWidth: number; captureHeight: number };

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One PDF thread: started on first use, holding the process open only while it works, replaced when it dies or hangs. */
class PdfThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  get inFlight(): number {
    return this.pending.size;
  }

  send(request: Request): Promise<Reply> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.abandon(worker, new AppError('UPLOAD_UNDECODABLE', { decoder: 'pdf: too slow to render' }));
        void worker.terminate();
      }, PDF_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, ...request });
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./pdf-worker.js', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      pending.resolve(reply);
    });
    worker.on('error', (error) => this.abandon(worker, error));
    worker.on('exit', (code) => this.abandon(worker, new Error(`pdf thread exited with code ${code}`)));
    return worker;
  }

  private abandon(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}

const threads = [new PdfThread(), new PdfThread()];

async function ask(request: Request, maxPixels: number): Promise<Reply> {
  const idlest = threads.reduce((best, thread) => (thread.inFlight < best.inFlight ? thread : best));
  const reply = await idlest.send(request);
  if ('error' in reply) {
    // pdf.js refuses an embedded image over maxImageSize with this message when stopAtErrors is on.
    if (/exceeded maximum allowed size/i.test(reply.error.message)) throw new AppError('UPLOAD_PIXELS_EXCEEDED', { maxPixels });
    const reason = reply.error.name === 'PasswordException' ? 'password protected' : reply.error.message;
    throw new AppError('UPLOAD_UNDECODABLE', { decoder: `pdf: ${reason}`.slice(0, 200) });
  }
  return reply;
}

export async function pdfPageCount(bytes: Buffer, maxPixels: number): Promise<number> {
  const reply = await ask({ op: 'count', bytes, maxPixels }, maxPixels);
  return (reply as { pageCount: number }).pageCount;
}

/** One page rendered on white at RENDER_DPI, or less where the page would exceed the pixel bound. */
export async function renderPdfPage(bytes: Buffer, pageIndex: number, maxPixels: number): Promise<RenderedPdfPage> {
  const reply = (await ask({ op: 'render', bytes, pageIndex, maxPixels, dpi: RENDER_DPI }, maxPixels)) as RenderReply;
  return {
    data: Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength),
    width: reply.width,
    height: reply.height,
    captureWidth: reply.captureWidth,
    captureHeight: reply.captureHeight,
  };
}
