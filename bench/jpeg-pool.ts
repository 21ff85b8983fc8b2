import sharp from 'sharp';

/**
 * Small scanned-page stand-ins, made with sharp once before any timing. Cycling a few dozen images
 * would let the blob store's deduplication skip every write after the first round, which a real
 * scanner never allows: each page is a new file. So every upload gets its own JPEG comment segment
 * (COM, 0xFFFE) carrying a counter: the picture is the same, the bytes and the hash are new, and the
 * server writes and fsyncs a fresh blob as it would for a real page.
 */
export class JpegPool {
  private next = 0;
  private counter = 0;

  private constructor(private readonly images: Buffer[], private readonly tag: string) {}

  static async create(size = 32, width = 240, height = 320): Promise<JpegPool> {
    const images: Buffer[] = [];
    for (let i = 0; i < size; i++) {
      // A page-like grey gradient with a band whose shade differs per image, so each compresses differently.
      const pixels = Buffer.alloc(width * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) pixels[y * width + x] = y % 40 < 4 ? (i * 37) % 200 : 235 - ((x + y + i * 11) % 30);
      }
      images.push(await sharp(pixels, { raw: { width, height, channels: 1 } }).jpeg({ quality: 70 }).toBuffer());
    }
    return new JpegPool(images, `${process.pid}-${Date.now()}`);
  }

  get averageBytes(): number {
    return Math.round(this.images.reduce((sum, b) => sum + b.length, 0) / this.images.length);
  }

  /** The next image of the pool with a unique comment inserted right after the SOI marker. */
  take(): Buffer {
    const base = this.images[this.next++ % this.images.length];
    const comment = Buffer.from(`bench page ${this.tag}-${this.counter++}`, 'ascii');
    const segment = Buffer.alloc(4 + comment.length);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(comment.length + 2, 2);
    comment.copy(segment, 4);
    return Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)]);
  }
}
