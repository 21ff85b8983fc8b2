import sharp, { type SharpOptions } from 'sharp';
import { AppError } from '../../errors.ts';
import { decoderRefusal, type OriginalFile, type OriginalLimits } from './original-file.ts';
import { type GrayImage, measurePage } from './page-measure.ts';
import { renderPdfPage } from './pdf-pages.ts';
import { encodeInkMap, inkMap } from './ink-map.ts';
import { perceptualHash } from './perceptual-hash.ts';
import type { QualityMetrics } from './quality.ts';

export interface ImageOut {
  bytes: Buffer;
  width: number;
  height: number;
}

export interface PageAnalysis {
  /** The page as a person sees it: EXIF orientation applied; a PDF page as rendered. */
  width: number;
  height: number;
  metrics: QualityMetrics;
  /** 16 hex digits; null for a page with next to no ink (nothing to compare). */
  phash: string | null;
  /** The fine ink map reuse findings are confirmed with (ink-map.ts), encoded; null when phash is. */
  inkMap: string | null;
  /** JPEG, long side at most PREVIEW_LONG_SIDE, orientation applied. */
  preview: ImageOut;
  /** JPEG, long side at most THUMBNAIL_LONG_SIDE. */
  thumbnail: ImageOut;
}

export const PREVIEW_LONG_SIDE = 2000;
export const THUMBNAIL_LONG_SIDE = 320;
/**
 * The scales the measurements are taken at (page-measure.ts); the quality limits hold at both
 * (test/documents-quality.test.ts). A camera page, decoded at the preview's size, is halved to
 * ANALYSIS_LONG_SIDE in one cheap pass; any other page is resized to at most
 * OTHER_ANALYSIS_LONG_SIDE, never enlarged: a smaller scan shrunk further by a resampler loses too
 * much of its strokes for the hash to stay steady between copies.
 */
export const ANALYSIS_LONG_SIDE = 1000;
export const OTHER_ANALYSIS_LONG_SIDE = 1200;

interface DecodedPage {
  /** RGB pixels, orientation applied, at the preview's size or (a rendered PDF page) a little larger. */
  rgb: Buffer;
  width: number;
  height: number;
  /** The page as a person sees it, in its own pixels. */
  pageWidth: number;
  pageHeight: number;
  /** The pixels the content was captured with (QualityMetrics). */
  captureWidth: number;
  captureHeight: number;
}

const fit = (side: number) => ({ width: side, height: side, fit: 'inside' as const, withoutEnlargement: true });

async function decodeImage(bytes: Buffer, original: OriginalFile, pageIndex: number, limits: OriginalLimits): Promise<DecodedPage> {
  const options: SharpOptions = {
    failOn: 'warning',
    limitInputPixels: limits.maxPixels,
    ...(original.mediaType === 'image/tiff' ? { page: pageIndex } : {}),
  };
  try {
    const metadata = await sharp(bytes, options).metadata();
    const width = metadata.autoOrient?.width ?? metadata.width ?? 0;
    const height = metadata.autoOrient?.height ?? metadata.pageHeight ?? metadata.height ?? 0;
    if (width * height > limits.maxPixels) throw new AppError('UPLOAD_PIXELS_EXCEEDED', { maxPixels: limits.maxPixels });
    // One decode. A JPEG shrinks on load (DCT scaling) to the preview's size: the inverse DCT is
    // cheaper, yet every entropy-coded byte is still read, so damage anywhere is still a warning.
    const { data, info } = await sharp(bytes, options)
      .autoOrient()
      .resize(fit(PREVIEW_LONG_SIDE))
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { rgb: data, width: info.width, height: info.height, pageWidth: width, pageHeight: height, captureWidth: width, captureHeight: height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw decoderRefusal(error, limits.maxPixels);
  }
}

async function decodePdf(bytes: Buffer, pageIndex: number, limits: OriginalLimits): Promise<DecodedPage> {
  const page = await renderPdfPage(bytes, pageIndex, limits.maxPixels);
  const { data, info } = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 4 } })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { captureWidth, captureHeight } = page;
  return { rgb: data, width: info.width, height: info.height, pageWidth: page.width, pageHeight: page.height, captureWidth, captureHeight };
}

/**
 * Decodes one page in full, once. An image is decoded with sharp's strictest setting (failOn
 * 'warning': a corrupt or cut JPEG is refused, not filled in with grey), orientation applied; a
 * PDF page is rendered on the PDF thread (pdf-pages.ts).
 */
function decodePage(bytes: Buffer, original: OriginalFile, pageIndex: number, limits: OriginalLimits): Promise<DecodedPage> {
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= original.pageCount) {
    return Promise.reject(new AppError('UPLOAD_UNDECODABLE', { decoder: `no page ${pageIndex + 1}` }));
  }
  return original.mediaType === 'application/pdf' ? decodePdf(bytes, pageIndex, limits) : decodeImage(bytes, original, pageIndex, limits);
}

const fromRaw = (page: DecodedPage) => sharp(page.rgb, { raw: { width: page.width, height: page.height, channels: 3 } });

async function encode(page: DecodedPage, kind: 'preview' | 'thumbnail'): Promise<ImageOut> {
  // Huffman tables not optimised: 5–10 % larger files, under half the encoding time (a derivative is regenerable).
  const image =
    kind === 'preview'
      ? fromRaw(page).resize(fit(PREVIEW_LONG_SIDE)).jpeg({ quality: 82, optimiseCoding: false })
      : fromRaw(page).resize(fit(THUMBNAIL_LONG_SIDE)).jpeg({ quality: 75, optimiseCoding: false });
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

/*
 * Grey is Rec. 601 luma (0.299 R + 0.587 G + 0.114 B, in 1024ths) on either route below, so a page
 * measures and hashes the same whichever size it came at.
 */

/**
 * Halves the page in both directions into grey, in one pass over its pixels: each grey pixel the
 * luma of the mean of a 2 × 2 block. libvips takes four times as long for the same image through a
 * general resampler, and this is the only resize the analysis needs of a camera page.
 */
function halveToGrey(rgb: Uint8Array, pageWidth: number, pageHeight: number): GrayImage {
  const width = pageWidth >> 1;
  const height = pageHeight >> 1;
  const data = new Uint8Array(width * height);
  const stride = pageWidth * 3;
  for (let y = 0; y < height; y++) {
    let top = 2 * y * stride;
    let bottom = top + stride;
    const row = y * width;
    for (let x = 0; x < width; x++, top += 6, bottom += 6) {
      const r = rgb[top]! + rgb[top + 3]! + rgb[bottom]! + rgb[bottom + 3]!;
      const g = rgb[top + 1]! + rgb[top + 4]! + rgb[bottom + 1]! + rgb[bottom + 4]!;
      const b = rgb[top + 2]! + rgb[top + 5]! + rgb[bottom + 2]! + rgb[bottom + 5]!;
      data[row + x] = (r * 306 + g * 601 + b * 117 + 2048) >> 12;
    }
  }
  return { data, width, height };
}

function toGrey(rgb: Uint8Array, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, o = 0; o < data.length; i += 3, o++) data[o] = (rgb[i]! * 306 + rgb[i + 1]! * 601 + rgb[i + 2]! * 117 + 512) >> 10;
  return { data, width, height };
}

async function grey(page: DecodedPage): Promise<GrayImage> {
  // A camera page decoded at the preview's size halves exactly to the analysis size.
  if (Math.abs((Math.max(page.width, page.height) >> 1) - ANALYSIS_LONG_SIDE) <= 1) return halveToGrey(page.rgb, page.width, page.height);
  const { data, info } = await fromRaw(page)
    .resize({ ...fit(OTHER_ANALYSIS_LONG_SIDE), kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return toGrey(data, info.width, info.height);
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * Everything ingest needs of one page, from one decode: the full decode check, the measurements,
 * the perceptual hash, the preview and the thumbnail. The preview and thumbnail are encoded on
 * libvips' threads while the measurements and the hash (plain JavaScript on the analysis image,
 * docs/CAPTURE.md gives the time) run on the event loop.
 */
export async function analysePage(bytes: Buffer, original: OriginalFile, pageIndex: number, limits: OriginalLimits): Promise<PageAnalysis> {
  const page = await decodePage(bytes, original, pageIndex, limits);
  // The encodings run on libvips' threads while the measurements run here.
  const images = Promise.all([encode(page, 'preview'), encode(page, 'thumbnail')]);
  images.catch(() => undefined);
  const gray = await grey(page);
  const measured = measurePage(gray);
  const phash = perceptualHash(gray, measured);
  const map = phash === null ? null : inkMap(gray, measured);
  const [preview, thumbnail] = await images;
  const metrics: QualityMetrics = {
    width: page.pageWidth,
    height: page.pageHeight,
    captureWidth: page.captureWidth,
    captureHeight: page.captureHeight,
    sharpness: round(measured.sharpness, 1),
    paperLuminance: round(measured.paperLuminance, 1),
    inkLuminance: round(measured.inkLuminance, 1),
    inkFraction: round(measured.inkFraction, 5),
    clippedFraction: round(measured.clippedFraction, 4),
    skewDegrees: round(measured.skewDegrees, 1),
  };
  return { width: page.pageWidth, height: page.pageHeight, metrics, phash, inkMap: map && encodeInkMap(map), preview, thumbnail };
}

/** One derivative made again from the original bytes: the same steps as at ingest, so the same image. */
export async function renderDerivative(
  bytes: Buffer,
  original: OriginalFile,
  pageIndex: number,
  kind: 'preview' | 'thumbnail',
  limits: OriginalLimits,
): Promise<ImageOut> {
  return encode(await decodePage(bytes, original, pageIndex, limits), kind);
}
