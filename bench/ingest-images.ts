import sharp from 'sharp';
import { cameraJpeg } from '../test/support/document-images.ts';
import { Rng } from './prng.ts';

/**
 * The pages the ingest section uploads: photographs of filled-in forms on a desk, 4000 × 3000
 * (12 megapixels), about 3.6 MB, from `cameraJpeg` in test/support/document-images.ts, the
 * generator the capture tests use, so the quality checks see a realistic page.
 *
 * Every upload must be new work for the server. Its bytes differ from every other upload by a JPEG
 * comment (as bench/jpeg-pool.ts does), so each is a new original: hashed, written, fsynced. Its
 * picture should differ too, or the perceptual hash calls two uploads the same document image and
 * every repeat adds a reuse lookup that returns rows, a reuse row per earlier upload and a longer
 * answer: work that grows with the run, which a real window rarely causes. Two things make the
 * pictures differ:
 * - each document carries three dark blocks (a glued photograph, a stamp, a note) at places of its
 *   own: forms of one template filled in for different people are otherwise too alike for the hash
 *   at this size (distances of 2 to 6 measured on 2026-11-30, within the reuse threshold of 5);
 * - each upload names one of the four orientations a camera writes in EXIF (as taken, upside
 *   down, turned either way), which the pipeline applies before it measures and hashes.
 * A picture still comes round again after `documents × 4` uploads; the section counts the reuse
 * findings this causes and prints them.
 */
export class IngestImages {
  private next = 0;
  private counter = 0;

  private constructor(
    private readonly documents: Buffer[],
    private readonly tag: string,
  ) {}

  static async create(documents: number, seed: number): Promise<IngestImages> {
    const made: Buffer[] = [];
    for (let d = 0; d < documents; d++) made.push(await markedDocument(seed + d));
    return new IngestImages(made, `${process.pid}-${Date.now()}`);
  }

  /** Distinct pictures: a picture is uploaded again after this many uploads. */
  get pictures(): number {
    return this.documents.length * ORIENTATIONS.length;
  }

  describe(): string {
    const sizes = this.documents.map((b) => b.length);
    const mb = (n: number) => (n / 1e6).toFixed(2);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    return (
      `${this.documents.length} camera documents (4000 × 3000, ${mb(Math.min(...sizes))} to ${mb(Math.max(...sizes))} MB, mean ${mb(mean)} MB) ` +
      `× ${ORIENTATIONS.length} EXIF orientations = ${this.pictures} pictures, every upload's bytes unique`
    );
  }

  /** The next picture: a document, an orientation, and a unique comment, right after the SOI marker. */
  take(): Buffer {
    const n = this.next++;
    const base = this.documents[n % this.documents.length];
    const orientation = ORIENTATIONS[Math.floor(n / this.documents.length) % ORIENTATIONS.length];
    if (!base || orientation === undefined) throw new Error('the ingest pool holds no document');
    const comment = Buffer.from(`bench ingest ${this.tag}-${this.counter++}`, 'ascii');
    const segment = Buffer.alloc(4 + comment.length);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(comment.length + 2, 2);
    comment.copy(segment, 4);
    return Buffer.concat([base.subarray(0, 2), exifOrientation(orientation), segment, base.subarray(2)]);
  }
}

/** EXIF orientations a camera writes: as taken, upside down, turned right, turned left. */
const ORIENTATIONS = [1, 3, 6, 8] as const;

/** A document photograph with three dark blocks of its own inside the page (cameraJpeg puts an A4 page at x 1000–3000, y 70–2930). */
export async function markedDocument(seed: number): Promise<Buffer> {
  const rng = new Rng(seed * 31 + 7);
  const blocks = Array.from({ length: 3 }, () => {
    const w = rng.int(250, 700);
    const h = rng.int(250, 700);
    const g = rng.int(40, 110);
    return `<rect x="${rng.int(1000, 3000 - w)}" y="${rng.int(70, 2930 - h)}" width="${w}" height="${h}" fill="rgb(${g},${g},${g + 10})"/>`;
  });
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000">${blocks.join('')}</svg>`);
  // The generator's own quality, so the file is as large as its pages.
  return sharp(await cameraJpeg(seed))
    .composite([{ input: svg }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** An APP1 segment holding only an EXIF orientation tag (big-endian TIFF, one IFD entry). */
function exifOrientation(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const segment = Buffer.alloc(10 + tiff.length);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(8 + tiff.length, 2);
  segment.write('Exif\0\0', 4, 'binary');
  tiff.copy(segment, 10);
  return segment;
}
