// The body of a PDF thread started by pdf-pages.ts: pdf.js parses a scanner's PDF and renders a page
// onto an @napi-rs/canvas canvas. pdf.js does all of it on the thread that calls it (its worker is a
// fake one in Node), and decodes in JavaScript every image it does not hand to the native JPEG
// decoder (pdf-native-jpeg.js): a greyscale scan's JPEG takes about a second per A4 page, on the
// event loop that would stall every request. Plain JavaScript (checked by tsc through JSDoc) because
// a worker thread does not inherit the tsx loader the server runs under.
import { createCanvas } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { installSharpJpegDecoder, limitDecodedPixels } from './pdf-native-jpeg.js';

installSharpJpegDecoder();

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** pdf.js warnings that mean damaged data rather than an unusual but intact file. */
const DAMAGE = /jpeg|jpx|jbig2|ccitt|image|indexing all pdf objects|xref|stream|eoi|corrupt|end of data|unexpected/i;

/** @type {Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null} */
let pdfjsLoading = null;
const pdfjs = () => (pdfjsLoading ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * @typedef {{ id: number; op: 'count'; bytes: Uint8Array; maxPixels: number }} CountRequest
 * @typedef {{ id: number; op: 'render'; bytes: Uint8Array; pageIndex: number; maxPixels: number; dpi: number }} RenderRequest
 * @typedef {CountRequest | RenderRequest} PdfRequest
 */

/**
 * The document, opened so that nothing in it runs and nothing is fetched: no eval (fonts are drawn
 * as paths), no system fonts, pdf.js' own standard fonts and CMaps from the package on disk, and
 * an embedded image larger than the pixel bound is an error rather than decoded.
 * @param {Uint8Array} bytes
 * @param {number} maxPixels
 */
async function open(bytes, maxPixels) {
  const { getDocument } = await pdfjs();
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    maxImageSize: maxPixels,
    standardFontDataUrl: `${pdfjsRoot}/standard_fonts/`,
    cMapUrl: `${pdfjsRoot}/cmaps/`,
    cMapPacked: true,
    wasmUrl: `${pdfjsRoot}/wasm/`,
    enableXfa: false,
    isImageDecoderSupported: true, // a colour JPEG is decoded natively, see pdf-native-jpeg.js
    verbosity: 1, // warnings: they are how pdf.js reports damage it works around (see `strictly`)
  }).promise;
}

/**
 * Some of what pdf.js warns about while reading a file is damage it repaired or skipped: an image
 * whose data ends early or holds garbage, a cross-reference table it had to rebuild (a truncated
 * file), a stream cut short. Repaired is not intact: an original the archive keeps must read
 * without them, so such a warning refuses the file (a warning about a font of an OCR text layer
 * does not). Requests run one at a time on this thread, so the warnings caught are this request's own.
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function strictly(work) {
  /** @type {string[]} */
  const warnings = [];
  const warn = console.warn;
  console.warn = (/** @type {unknown[]} */ ...args) => void warnings.push(args.map(String).join(' '));
  try {
    const result = await work();
    const damage = warnings.find((w) => DAMAGE.test(w));
    if (damage) throw new Error(damage.replace(/^Warning: /, ''));
    return result;
  } finally {
    console.warn = warn;
  }
}

/**
 * Image XObjects larger than the pixel bound, read from their dictionaries (an image is a stream,
 * and a stream's dictionary is never compressed into an object stream, so it is in the file as
 * text). pdf.js would drop such an image without a word; this refuses the file instead.
 * @param {Uint8Array} bytes
 * @param {number} maxPixels
 */
function oversizedImage(bytes, maxPixels) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  for (const match of text.matchAll(/\/Subtype\s*\/Image\b/g)) {
    const around = text.slice(Math.max(0, match.index - 800), match.index + 800);
    const width = Number(/\/Width\s+(\d+)(?!\s+\d+\s+R)/.exec(around)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)(?!\s+\d+\s+R)/.exec(around)?.[1] ?? 0);
    if (width * height > maxPixels) return true;
  }
  return false;
}

/**
 * The largest image the page paints, by its own pixels: for a scan, the scan's resolution. Read from
 * the images the render just loaded (the page's and the document's object stores) rather than from
 * `getOperatorList()`, which evaluates the page a second time under another intent and so decodes
 * the scan's JPEG again, in JavaScript: it doubled the time of every scanned page. pdf.js keeps an
 * inline image (BI … EI) out of the stores only when its width and height add up to under 200
 * pixels: never a scan.
 * @param {import('pdfjs-dist/legacy/build/pdf.mjs').PDFPageProxy} page
 */
function largestImage(page) {
  let width = 0;
  let height = 0;
  for (const store of [page.objs, page.commonObjs]) {
    for (const [, data] of /** @type {Iterable<[string, unknown]>} */ (/** @type {unknown} */ (store))) {
      const image = /** @type {{ width?: unknown; height?: unknown } | null} */ (data);
      if (!image || typeof image !== 'object' || !('data' in image || 'bitmap' in image)) continue;
      const [w, h] = [Number(image.width) || 0, Number(image.height) || 0];
      if (w * h > width * height) [width, height] = [w, h];
    }
  }
  return { captureWidth: width, captureHeight: height };
}

/** @param {RenderRequest} request */
async function render(request) {
  limitDecodedPixels(request.maxPixels);
  const doc = await open(request.bytes, request.maxPixels);
  try {
    if (request.pageIndex < 0 || request.pageIndex >= doc.numPages) throw new Error(`no page ${request.pageIndex + 1}`);
    const page = await doc.getPage(request.pageIndex + 1);
    const unit = page.getViewport({ scale: 1 });
    const scale = Math.min(request.dpi / 72, Math.sqrt(request.maxPixels / (unit.width * unit.height)));
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.floor(viewport.width));
    const height = Math.max(1, Math.floor(viewport.height));
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // @napi-rs/canvas is the canvas pdf.js itself uses in Node; its types are not the DOM's.
    await page.render({ canvasContext: /** @type {any} */ (context), canvas: /** @type {any} */ (canvas), viewport }).promise;
    const pixels = context.getImageData(0, 0, width, height).data;
    const capture = largestImage(page);
    return { data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height, ...capture };
  } finally {
    await doc.destroy();
  }
}

/** @param {CountRequest} request */
async function count(request) {
  const doc = await open(request.bytes, request.maxPixels);
  try {
    return { pageCount: doc.numPages };
  } finally {
    await doc.destroy();
  }
}

/** @param {unknown} error */
function failure(error) {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { name, message: message.split('\n')[0] ?? '' };
}

/** @type {Promise<unknown>} */
let queue = Promise.resolve();

parentPort?.on('message', (/** @type {PdfRequest} */ request) => {
  const work = queue.then(() => {
    if (oversizedImage(request.bytes, request.maxPixels)) throw new Error('Image exceeded maximum allowed size');
    /** @type {() => Promise<{ pageCount: number } | Awaited<ReturnType<typeof render>>>} */
    const job = () => (request.op === 'count' ? count(request) : render(request));
    return strictly(job);
  });
  queue = work.catch(() => undefined);
  work.then(
    (result) => {
      const transfer = 'data' in result ? [result.data.buffer] : [];
      parentPort?.postMessage({ id: request.id, ...result }, /** @type {ArrayBuffer[]} */ (transfer));
    },
    (error) => parentPort?.postMessage({ id: request.id, error: failure(error) }),
  );
});
