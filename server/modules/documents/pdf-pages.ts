import { RequestThreadPool } from '../../threads/request-threads.ts';
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

const threads = new RequestThreadPool<Request, Reply>(2, {
  script: new URL('./pdf-worker.js', import.meta.url),
  name: 'pdf',
  timeoutMs: PDF_TIMEOUT_MS,
  timeoutError: () => new AppError('UPLOAD_UNDECODABLE', { decoder: 'pdf: too slow to render' }),
});

async function ask(request: Request, maxPixels: number): Promise<Reply> {
  const reply = await threads.send(request);
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
