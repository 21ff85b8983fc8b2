import sharp from 'sharp';

/**
 * Page images for the capture act, made with sharp once before any timing.
 *
 * 'camera' (the default) stands in for what a 高拍仪 document camera sends: a 12-megapixel colour
 * JPEG (4000 × 3000) of 2 to 4 MB, a photographed page with paper grain, sensor noise and lines of
 * dark strokes. The noise is what makes the size realistic: a clean synthetic page compresses to a
 * few hundred KB. 'small' is the 240 × 320 grey page of about 7 KB the bench used before 2026-11-30,
 * kept to compare with figures measured then.
 *
 * Cycling a few images would let the blob store's deduplication skip every write after the first
 * round, which a real camera never allows: each page is a new file. So every upload gets its own
 * JPEG comment segment (COM, 0xFFFE) carrying a counter: the picture is the same, the bytes and the
 * hash are new, and the server writes and fsyncs a fresh blob as it would for a real page.
 */
export type PageKind = 'camera' | 'small';

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A photographed A4 page: warm paper, uneven light, noise, text lines with a margin. */
async function cameraPage(index: number): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const random = xorshift(0x9e3779b9 + index * 7919);
  const pixels = Buffer.alloc(width * height * 3);
  const lineGap = 84 + (index % 5) * 6;
  for (let y = 0; y < height; y++) {
    const inText = y > 320 && y < height - 320 && y % lineGap < 26;
    const row = y * width * 3;
    for (let x = 0; x < width; x++) {
      const noise = (random() * 24 - 12) | 0;
      const ink = inText && x > 360 && x < width - 360 && (((x / 9) | 0) + ((y / 5) | 0) + index) % 7 < 3;
      // Light falls off towards the right edge, as under a camera stand's lamp.
      const base = ink ? 62 : 208 - (((x * 22) / width) | 0);
      const v = base + noise;
      const i = row + x * 3;
      pixels[i] = v + 8;
      pixels[i + 1] = v + 4;
      pixels[i + 2] = v - 6;
    }
  }
  // Quality 80 to 90 spreads the pool over about 2.2 to 3.8 MB.
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 + ((index * 3) % 11) })
    .toBuffer();
}

function smallPage(index: number): Promise<Buffer> {
  const width = 240;
  const height = 320;
  const pixels = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[y * width + x] = y % 40 < 4 ? (index * 37) % 200 : 235 - ((x + y + index * 11) % 30);
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .jpeg({ quality: 70 })
    .toBuffer();
}

export class JpegPool {
  private next = 0;
  private counter = 0;

  private constructor(
    readonly kind: PageKind,
    private readonly images: Buffer[],
    private readonly tag: string,
  ) {}

  static async create(kind: PageKind = 'camera', size = 8): Promise<JpegPool> {
    const images: Buffer[] = [];
    for (let i = 0; i < size; i++) images.push(await (kind === 'camera' ? cameraPage(i) : smallPage(i)));
    return new JpegPool(kind, images, `${process.pid}-${Date.now()}`);
  }

  get averageBytes(): number {
    return Math.round(this.images.reduce((sum, b) => sum + b.length, 0) / this.images.length);
  }

  /** One line for the report: what a page is, so every figure says what was uploaded. */
  describe(): string {
    const sizes = this.images.map((b) => b.length);
    const mb = (n: number) => (n / 1e6).toFixed(2);
    const what = this.kind === 'camera' ? '12-megapixel (4000 × 3000) colour camera JPEGs' : '240 × 320 grey JPEGs (small pages, not realistic)';
    return `pool of ${sizes.length} ${what}, ${mb(Math.min(...sizes))} to ${mb(Math.max(...sizes))} MB (mean ${mb(this.averageBytes)} MB), every upload made unique`;
  }

  /** The next image of the pool with a unique comment inserted right after the SOI marker. */
  take(): Buffer {
    const base = this.images[this.next++ % this.images.length];
    if (!base) throw new Error('the page pool holds no image to upload (pool size 0)');
    const comment = Buffer.from(`bench page ${this.tag}-${this.counter++}`, 'ascii');
    const segment = Buffer.alloc(4 + comment.length);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(comment.length + 2, 2);
    comment.copy(segment, 4);
    return Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)]);
  }
}
