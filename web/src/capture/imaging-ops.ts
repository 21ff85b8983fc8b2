/**
 * Image work for captured pages, run in a worker where the browser has OffscreenCanvas (so encoding a
 * 12-megapixel frame never freezes the page), on the page's own canvas otherwise.
 */
import type { PageType } from './file-kind.ts';

export type { PageType };
export type Rotation = 0 | 90 | 180 | 270;

/** Archive pages are kept sharp: JPEG at 0.92 keeps small print legible at about a third of PNG's size. */
export const JPEG_QUALITY = 0.92;
const THUMB_QUALITY = 0.8;
const THUMB_SIZE = 320;

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
interface Surface {
  context: Canvas2D;
  toBlob: (type: PageType, quality?: number) => Promise<Blob>;
}

function surface(width: number, height: number): Surface {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    return { context, toBlob: (type, quality) => canvas.convertToBlob({ type, quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  return {
    context,
    toBlob: (type, quality) =>
      new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encoding failed'))), type, quality)),
  };
}

export interface PageImage {
  blob: Blob;
  type: PageType;
  thumb: Blob;
  width: number;
  height: number;
}

async function thumbnail(bitmap: ImageBitmap): Promise<Blob> {
  const scale = Math.min(1, THUMB_SIZE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const { context, toBlob } = surface(width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  return toBlob('image/jpeg', THUMB_QUALITY);
}

/** A camera frame as the page to keep: JPEG at JPEG_QUALITY, full resolution, and its thumbnail. */
export async function encodeFrame(bitmap: ImageBitmap): Promise<PageImage> {
  try {
    const { context, toBlob } = surface(bitmap.width, bitmap.height);
    context.drawImage(bitmap, 0, 0);
    const [blob, thumb] = await Promise.all([toBlob('image/jpeg', JPEG_QUALITY), thumbnail(bitmap)]);
    return { blob, type: 'image/jpeg', thumb, width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

/** A chosen file kept as it is (its bytes are the original), with a thumbnail. */
export async function readFile(blob: Blob, type: PageType): Promise<PageImage> {
  const bitmap = await createImageBitmap(blob);
  try {
    return { blob, type, thumb: await thumbnail(bitmap), width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

/** The page turned clockwise, re-encoded in its own type (JPEG at JPEG_QUALITY). */
export async function rotate(blob: Blob, type: PageType, rotation: Rotation): Promise<Blob> {
  if (rotation === 0) return blob;
  const bitmap = await createImageBitmap(blob);
  try {
    const sideways = rotation === 90 || rotation === 270;
    const width = sideways ? bitmap.height : bitmap.width;
    const height = sideways ? bitmap.width : bitmap.height;
    const { context, toBlob } = surface(width, height);
    context.translate(width / 2, height / 2);
    context.rotate((rotation * Math.PI) / 180);
    context.drawImage(bitmap, -bitmap.width / 2, -bitmap.height / 2);
    return await toBlob(type, type === 'image/jpeg' ? JPEG_QUALITY : undefined);
  } finally {
    bitmap.close();
  }
}
