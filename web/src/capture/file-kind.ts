/** What the server takes as a page: photographs and scans as images, or a scanner's multi-page file. */
export type PageType = 'image/jpeg' | 'image/png';
export type DocumentType = 'image/tiff' | 'application/pdf';
export type UploadType = PageType | DocumentType;

const EXTENSIONS: Record<UploadType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif', 'application/pdf': 'pdf' };

export function fileNameFor(type: UploadType): string {
  return `page.${EXTENSIONS[type]}`;
}

export function isDocumentType(type: UploadType): type is DocumentType {
  return type === 'image/tiff' || type === 'application/pdf';
}

function startsWith(bytes: Uint8Array, ...signature: number[]): boolean {
  return signature.every((value, i) => bytes[i] === value);
}

/**
 * The file's type by its first bytes, as the server decides it: a scan saved as .jpg but holding a
 * PDF, or a TIFF without its extension, is taken for what it is; anything else is not a page.
 */
export async function sniffType(file: Blob): Promise<UploadType | null> {
  const bytes = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}
