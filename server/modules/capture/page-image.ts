import type { AppContext } from '../../context.ts';
import { renderDerivative } from '../documents/analyse-page.ts';
import { decodeSlots } from '../documents/decode-slots.ts';
import type { OriginalMediaType } from '../documents/original-file.ts';
import { derivedKey, originalLimits } from './ingest-original.ts';

export type PageImageKind = 'original' | 'preview' | 'thumbnail';

export interface ServedImage {
  bytes: Buffer;
  mediaType: string;
  /** An ETag: the original's hash, with the page and kind for a derivative. */
  tag: string;
  /** Only JPEG and PNG are shown in the browser; a PDF or TIFF original is downloaded. */
  inline: boolean;
}

export interface PageSource {
  blob_sha256: string;
  source_page: number;
  media_type: string;
  page_count: number;
}

/** A page's original, or its derivative from the store, regenerated from the original when the store lost it. */
export async function pageImage(ctx: AppContext, page: PageSource, kind: PageImageKind): Promise<ServedImage> {
  if (kind === 'original') {
    const bytes = await ctx.blobs.get(page.blob_sha256);
    const inline = page.media_type === 'image/jpeg' || page.media_type === 'image/png';
    return { bytes, mediaType: page.media_type, tag: page.blob_sha256, inline };
  }
  const key = derivedKey(page.blob_sha256, page.source_page, kind);
  const tag = `${page.blob_sha256}.${page.source_page}.${kind}`;
  const cached = await ctx.blobs.getDerived(key);
  if (cached) return { bytes: cached, mediaType: 'image/jpeg', tag, inline: true };
  const original = await ctx.blobs.get(page.blob_sha256);
  const file = { mediaType: page.media_type as OriginalMediaType, pageCount: page.page_count };
  const { bytes } = await decodeSlots.run(() => renderDerivative(original, file, page.source_page, kind, originalLimits(ctx)));
  await ctx.blobs.putDerived(key, bytes);
  return { bytes, mediaType: 'image/jpeg', tag, inline: true };
}
