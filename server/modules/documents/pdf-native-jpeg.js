// Lets pdf.js, on the PDF thread, decode a colour scan's JPEG with libvips (sharp) instead of its own
// JavaScript decoder, which took about a second per A4 page. pdf.js already knows how to hand a JPEG
// to a native decoder: the browser's WebCodecs `ImageDecoder`, which Node lacks. This file gives the
// thread one with that interface, returning the pixels on an @napi-rs/canvas canvas the renderer
// draws like any image. pdf.js decides which JPEGs it may hand over (not CMYK, not with a Decode
// array, not an un-transformed RGB one, an EXIF block blanked first); the rest it decodes itself.
// A JPEG the strict decode refuses makes pdf.js warn and decode it itself, which then reports the
// damage (pdf-worker.js refuses the file on that warning): nothing damaged reads as intact.
// Plain JavaScript for the same reason as pdf-worker.js.
import { createCanvas, ImageData } from '@napi-rs/canvas';
import sharp from 'sharp';

/** The canvases this decoder made: passed between pdf.js' two halves by reference, see below. */
const decodedImages = new WeakSet();

/** The pixel bound of the request being served (requests run one at a time on the thread). */
let maxPixels = 0;

/** @param {number} pixels */
export function limitDecodedPixels(pixels) {
  maxPixels = pixels;
}

class SharpJpegDecoder {
  /** @param {string} type */
  static async isTypeSupported(type) {
    return type === 'image/jpeg';
  }

  /** @type {Uint8Array} */
  #data;

  /** @param {{ data: Uint8Array; type: string }} init */
  constructor(init) {
    if (init.type !== 'image/jpeg') throw new TypeError(`not a JPEG: ${init.type}`);
    this.#data = init.data;
  }

  async decode() {
    // failOn 'warning': a JPEG cut short or with garbage in its scan is refused, as for a camera page.
    // The bound is on the JPEG's own size, which the PDF's dictionary may understate.
    const { data, info } = await sharp(this.#data, { failOn: 'warning', limitInputPixels: maxPixels || true })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const canvas = createCanvas(info.width, info.height);
    const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
    canvas.getContext('2d').putImageData(new ImageData(pixels, info.width, info.height), 0, 0);
    // pdf.js closes an ImageBitmap it no longer needs; the canvas is freed by the collector.
    Object.assign(canvas, { close() {} });
    decodedImages.add(canvas);
    return { image: canvas };
  }

  close() {}
}

/**
 * pdf.js' two halves talk through a loopback port that structured-clones every message, listing a
 * decoded image as transferable, as an ImageBitmap is in a browser. A canvas is neither cloneable
 * nor transferable; on this thread both halves share one heap, so such an image travels by
 * reference: taken out of the message, the rest cloned as usual, then put back.
 */
function installStructuredCloneByReference() {
  const clone = globalThis.structuredClone;
  const HOLE = '__sharpJpegImage';
  /**
   * @param {unknown} value
   * @param {(node: unknown) => unknown} replace
   * @param {number} depth
   * @returns {unknown}
   */
  const map = (value, replace, depth) => {
    const replaced = replace(value);
    if (replaced !== value || depth > 6 || !value || typeof value !== 'object') return replaced;
    if (Array.isArray(value)) return value.map((item) => map(item, replace, depth + 1));
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item, replace, depth + 1)]));
  };
  globalThis.structuredClone = (value, options) => {
    const transfer = options?.transfer ?? [];
    if (!transfer.some((item) => decodedImages.has(item))) return clone(value, options);
    /** @type {unknown[]} */
    const images = [];
    const holed = map(value, (node) => (decodedImages.has(/** @type {object} */ (node)) ? { [HOLE]: images.push(node) - 1 } : node), 0);
    const copy = clone(holed, { transfer: transfer.filter((item) => !decodedImages.has(item)) });
    return map(copy, (node) => (node && typeof node === 'object' && HOLE in node ? images[Number(node[HOLE])] : node), 0);
  };
}

/** Makes the native decoder this thread's `ImageDecoder`; call before pdf.js first loads. */
export function installSharpJpegDecoder() {
  Object.assign(globalThis, { ImageDecoder: SharpJpegDecoder });
  installStructuredCloneByReference();
}
