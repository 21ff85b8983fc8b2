import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { analysePage } from '../server/modules/documents/analyse-page.ts';
import { openOriginal } from '../server/modules/documents/original-file.ts';
import { documentPixels, encode, pageSize, scannerPdf } from '../test/support/document-images.ts';
import type { IngestImages } from './ingest-images.ts';
import { summarize } from './latency.ts';

export interface StageCost {
  stage: string;
  /** Median wall time of the stage, one page at a time. */
  wallMs: number;
  /** Median CPU time of the whole process during the stage (every thread: libvips' included). */
  cpuMs: number;
}

/**
 * Where a page's time goes, stage by stage: the capture pipeline's own functions called one page at
 * a time in the bench process (the server idle), with the process's CPU time around each (all
 * threads, so libvips' work counts). Beside the uploads' CPU time per page in the server it tells
 * what HTTP, multipart parsing, the writes and the transaction add. The hashes are computed as the
 * blob writer's threads compute them (node:crypto SHA-256 and SM3). A scanner's PDF page (A4 at
 * 300 dpi, in colour and in grey) is timed too: pdf.js renders it on its thread.
 */
export async function stageCosts(images: IngestImages, pages: number): Promise<StageCost[]> {
  const limits = { maxBytes: 20 * 1024 * 1024, maxPixels: 50_000_000, maxPages: 1 };
  const samples = new Map<string, { wall: number[]; cpu: number[] }>();
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await work();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const s = samples.get(stage) ?? { wall: [], cpu: [] };
    s.wall.push(wall);
    s.cpu.push((cpu.user + cpu.system) / 1000);
    samples.set(stage, s);
    return result;
  };
  const scans = await scannedPdfs();
  for (let i = 0; i <= pages; i++) {
    for (const [kind, pdf] of Object.entries(scans)) {
      const original = await openOriginal(pdf, limits);
      await time(`scanned PDF page, A4 ${kind} 300 dpi: analysePage (render, measures, hash, preview, thumbnail)`, () =>
        analysePage(pdf, original, 0, limits),
      );
    }
    const bytes = images.take();
    await time('reference: sharp full decode', () => sharp(bytes).raw().toBuffer());
    const original = await time('type check (openOriginal)', () => openOriginal(bytes, limits));
    await time('analysePage (decode, measures, hash, preview, thumbnail)', () => analysePage(bytes, original, 0, limits));
    await time('SHA-256 + SM3 of the original', () => [createHash('sha256').update(bytes).digest(), createHash('sm3').update(bytes).digest()]);
  }
  // The first page is left out: its calls load codecs and compile code.
  return [...samples].map(([stage, s]) => ({ stage, wallMs: summarize(s.wall.slice(1)).p50, cpuMs: summarize(s.cpu.slice(1)).p50 }));
}

/** One-page scanner's PDFs of an A4 form at 300 dpi (8.7 megapixels), its JPEG in colour and in grey. */
async function scannedPdfs(): Promise<Record<'colour' | 'grey', Buffer>> {
  const spec = { seed: 11, dpi: 300 };
  const { width, height } = pageSize(spec);
  const colour = await encode(await documentPixels(spec));
  const grey = await sharp(colour).greyscale().jpeg({ quality: 85 }).toBuffer();
  const page = (jpeg: Buffer, colorSpace: 'DeviceRGB' | 'DeviceGray') =>
    scannerPdf([{ jpeg, width, height, widthMm: 210, heightMm: 297, colorSpace }]);
  return { colour: page(colour, 'DeviceRGB'), grey: page(grey, 'DeviceGray') };
}
