import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../errors.ts';
import { jpegHasEndMarker } from './inspect-image.ts';
import { pdfPageCount } from './pdf-pages.ts';

// libvips may answer a later call from its cache: every upload is judged on its own bytes.
sharp.cache(false);

export type OriginalMediaType = 'image/jpeg' | 'image/png' | 'image/tiff' | 'application/pdf';

export interface OriginalFile {
  mediaType: OriginalMediaType;
  pageCount: number;
}

export interface OriginalLimits {
  maxBytes: number;
  maxPixels: number;
  maxPages: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type by the first bytes only: never the name, never the client's header. */
export function sniffOriginal(bytes: Buffer): OriginalMediaType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  const head = bytes.toString('latin1', 0, 4);
  // Classic TIFF, or BigTIFF (libtiff reads both) for scans over 4 GB of pixel data.
  if (head === 'II*\0' || head === 'MM\0*' || head === 'II+\0' || head === 'MM\0+') return 'image/tiff';
  if (bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

const SHARP_FORMAT: Record<Exclude<OriginalMediaType, 'application/pdf'>, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/tiff': 'tiff',
};

export function decoderRefusal(error: unknown, maxPixels: number): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new AppError('UPLOAD_PIXELS_EXCEEDED', { maxPixels });
  return new AppError('UPLOAD_UNDECODABLE', { decoder: (message.split('\n')[0] ?? '').slice(0, 200) });
}

/**
 * Opens an uploaded original far enough to know what it is and how many pages it holds: type by
 * content (the first bytes, then the decoder must agree), size, pages (TIFF: libvips' page count;
 * PDF: pdf.js') and, for images, the pixel count from the header, before anything decodes the
 * pixels. analyse-page.ts then decodes every page in full.
 */
export async function openOriginal(bytes: Buffer, limits: OriginalLimits): Promise<OriginalFile> {
  if (bytes.length === 0) throw new AppError('UPLOAD_MISSING_FILE');
  if (bytes.length > limits.maxBytes) throw new AppError('UPLOAD_TOO_LARGE', { maxBytes: limits.maxBytes });
  const mediaType = sniffOriginal(bytes);
  if (!mediaType) throw new AppError('UPLOAD_TYPE_REJECTED');
  let pageCount: number;
  if (mediaType === 'application/pdf') {
    pageCount = await pdfPageCount(bytes, limits.maxPixels);
  } else {
    let metadata: Metadata;
    try {
      metadata = await sharp(bytes, { limitInputPixels: limits.maxPixels }).metadata();
    } catch (error) {
      throw decoderRefusal(error, limits.maxPixels);
    }
    if (metadata.format !== SHARP_FORMAT[mediaType]) throw new AppError('UPLOAD_TYPE_REJECTED', { reason: 'format_mismatch' });
    if (!metadata.width || !metadata.height) throw new AppError('UPLOAD_UNDECODABLE', { decoder: 'no dimensions' });
    const pixels = metadata.width * (metadata.pageHeight ?? metadata.height);
    if (pixels > limits.maxPixels) throw new AppError('UPLOAD_PIXELS_EXCEEDED', { maxPixels: limits.maxPixels });
    if (mediaType === 'image/jpeg' && !jpegHasEndMarker(bytes)) throw new AppError('UPLOAD_UNDECODABLE', { decoder: 'no end of image marker' });
    pageCount = mediaType === 'image/tiff' ? (metadata.pages ?? 1) : 1;
  }
  if (pageCount < 1) throw new AppError('UPLOAD_UNDECODABLE', { decoder: 'no pages' });
  if (pageCount > limits.maxPages) throw new AppError('UPLOAD_TOO_MANY_PAGES', { maxPages: limits.maxPages });
  return { mediaType, pageCount };
}
