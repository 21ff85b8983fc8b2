import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../errors.ts';

export interface InspectedImage {
  mediaType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sniff(bytes: Buffer): InspectedImage['mediaType'] | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return null;
}

export interface UploadLimits {
  maxBytes: number;
  maxPixels: number;
}

/** The checks that need no decoder: present, within the size bound, and a JPEG or PNG by its first bytes. */
export function sniffUpload(bytes: Buffer, limits: UploadLimits): InspectedImage['mediaType'] {
  if (bytes.length === 0) throw new AppError('UPLOAD_MISSING_FILE');
  if (bytes.length > limits.maxBytes) throw new AppError('UPLOAD_TOO_LARGE', { maxBytes: limits.maxBytes });
  const mediaType = sniff(bytes);
  if (!mediaType) throw new AppError('UPLOAD_TYPE_REJECTED');
  return mediaType;
}

/**
 * Uploaded bytes are untrusted: the type comes from the content, never from the name or the
 * client's header, and the pixel count is bounded before anything decodes the image.
 */
export async function inspectImage(bytes: Buffer, limits: UploadLimits): Promise<InspectedImage> {
  const mediaType = sniffUpload(bytes, limits);
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: limits.maxPixels }).metadata();
  } catch (error) {
    if (/pixel limit/i.test(String((error as Error).message))) throw new AppError('UPLOAD_PIXELS_EXCEEDED', { maxPixels: limits.maxPixels });
    throw new AppError('UPLOAD_TYPE_REJECTED', { reason: 'undecodable' });
  }
  const expectedFormat = mediaType === 'image/jpeg' ? 'jpeg' : 'png';
  if (metadata.format !== expectedFormat || !metadata.width || !metadata.height) throw new AppError('UPLOAD_TYPE_REJECTED', { reason: 'undecodable' });
  if (metadata.width * metadata.height > limits.maxPixels) throw new AppError('UPLOAD_PIXELS_EXCEEDED', { maxPixels: limits.maxPixels });
  return { mediaType, width: metadata.width, height: metadata.height };
}
