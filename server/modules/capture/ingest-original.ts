import type { StoredBlob } from '../../blobs/blob-store.ts';
import type { AppContext } from '../../context.ts';
import { analysePage, type PageAnalysis } from '../documents/analyse-page.ts';
import { decodeSlots } from '../documents/decode-slots.ts';
import { type OriginalFile, type OriginalLimits, openOriginal } from '../documents/original-file.ts';
import { judgeQuality, type QualityWarning } from '../documents/quality.ts';
import type { CatalogMaterial } from '../catalog/catalog.schema.ts';

/** A page of an ingested original: what capture records of it. */
export interface IngestedPage {
  sourcePage: number;
  width: number;
  height: number;
  phash: string | null;
  /** The encoded fine ink map (documents/ink-map.ts); null when phash is. */
  inkMap: string | null;
  quality: { metrics: PageAnalysis['metrics']; warnings: QualityWarning[] };
}

export interface IngestedOriginal {
  original: OriginalFile;
  stored: StoredBlob;
  pages: IngestedPage[];
}

/** The most pages one uploaded file may hold (a scanner's PDF or TIFF of a whole file). */
export const MAX_PAGES_PER_FILE = 200;

export function originalLimits(ctx: AppContext): OriginalLimits {
  return { maxBytes: ctx.config.maxUploadBytes, maxPixels: ctx.config.maxImagePixels, maxPages: MAX_PAGES_PER_FILE };
}

/** Where a page's derived images live in the store: regenerable from the original, never part of the archive. */
export function derivedKey(sha256: string, sourcePage: number, kind: 'preview' | 'thumbnail'): string {
  return `${sha256}.${sourcePage}.${kind}.jpg`;
}

/**
 * Everything capture does with an uploaded file before its transaction: the type from the content,
 * every page decoded in full and measured (quality, perceptual hash), its preview and thumbnail
 * derived, and the original made durable. The original is written while the pages are analysed;
 * a file refused on the way leaves an unreferenced blob, which the orphan sweep removes.
 */
export async function ingestOriginal(
  ctx: AppContext,
  bytes: Buffer,
  material: CatalogMaterial,
  options: { singlePage?: boolean } = {},
): Promise<IngestedOriginal> {
  const limits = originalLimits(ctx);
  const original = await openOriginal(bytes, options.singlePage ? { ...limits, maxPages: 1 } : limits);
  const storing = ctx.blobs.put(bytes);
  // A refusal while analysing must not leave the write's rejection unhandled.
  storing.catch(() => undefined);
  const pages: IngestedPage[] = [];
  for (let index = 0; index < original.pageCount; index++) {
    const analysis = await decodeSlots.run(() => analysePage(bytes, original, index, limits));
    pages.push({
      sourcePage: index,
      width: analysis.width,
      height: analysis.height,
      phash: analysis.phash,
      inkMap: analysis.inkMap,
      quality: { metrics: analysis.metrics, warnings: judgeQuality(analysis.metrics, material) },
    });
    const stored = await storing;
    await Promise.all([
      ctx.blobs.putDerived(derivedKey(stored.sha256, index, 'preview'), analysis.preview.bytes),
      ctx.blobs.putDerived(derivedKey(stored.sha256, index, 'thumbnail'), analysis.thumbnail.bytes),
    ]);
  }
  return { original, stored: await storing, pages };
}
