import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { AppError } from '../server/errors.ts';
import { analysePage, renderDerivative } from '../server/modules/documents/analyse-page.ts';
import { openOriginal, sniffOriginal } from '../server/modules/documents/original-file.ts';
import { renderPdfPage } from '../server/modules/documents/pdf-pages.ts';
import { hammingDistance, REUSE_MAX_DISTANCE } from '../server/modules/documents/perceptual-hash.ts';
import { documentPage, documentPixels, encode, multiPageTiff, scannerPdf } from './support/document-images.ts';

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxPixels: 60_000_000, maxPages: 10 };

/** The error code a promise is refused with. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof AppError, `an AppError, not ${String(error)}`);
    return { code: error.code, details: error.details };
  }
  assert.fail('accepted');
}

/** Opens and analyses every page, as capture does. */
async function ingest(bytes: Buffer, limits = LIMITS) {
  const original = await openOriginal(bytes, limits);
  const pages = [];
  for (let i = 0; i < original.pageCount; i++) pages.push(await analysePage(bytes, original, i, limits));
  return { original, pages };
}

describe('original files', () => {
  it('decides the type by content alone', async () => {
    const jpeg = await documentPage({ seed: 1, dpi: 60 });
    const png = await documentPage({ seed: 1, dpi: 60, format: 'png' });
    assert.equal(sniffOriginal(jpeg), 'image/jpeg');
    assert.equal(sniffOriginal(png), 'image/png');
    assert.equal(sniffOriginal(await multiPageTiff([await documentPixels({ seed: 1, dpi: 60 })])), 'image/tiff');
    assert.equal(sniffOriginal(Buffer.from('%PDF-1.7\n')), 'application/pdf');
    for (const evil of ['<html><script>alert(1)</script></html>', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'GIF89a......', ' %PDF-1.4']) {
      assert.equal((await refusal(openOriginal(Buffer.from(evil), LIMITS))).code, 'UPLOAD_TYPE_REJECTED', evil);
    }
    // The first bytes promise a TIFF, the decoder finds none.
    assert.equal((await refusal(openOriginal(Buffer.concat([Buffer.from('II*\0'), randomBytes(4000)]), LIMITS))).code, 'UPLOAD_UNDECODABLE');
    assert.equal((await refusal(openOriginal(Buffer.alloc(0), LIMITS))).code, 'UPLOAD_MISSING_FILE');
    assert.deepEqual(await refusal(openOriginal(jpeg, { ...LIMITS, maxBytes: 1000 })), { code: 'UPLOAD_TOO_LARGE', details: { maxBytes: 1000 } });
    assert.deepEqual(await refusal(openOriginal(jpeg, { ...LIMITS, maxPixels: 10_000 })), {
      code: 'UPLOAD_PIXELS_EXCEEDED',
      details: { maxPixels: 10_000 },
    });
  });

  it('reads every page of a multi-page TIFF, each as its own page', async () => {
    const pixels = await Promise.all([1, 2, 3].map((seed) => documentPixels({ seed, dpi: 120 })));
    const tiff = await multiPageTiff(pixels);
    const { original, pages } = await ingest(tiff);
    assert.deepEqual(original, { mediaType: 'image/tiff', pageCount: 3 });
    for (const page of pages) {
      assert.equal(page.width, pixels[0]!.width);
      assert.equal(page.height, pixels[0]!.height);
    }
    // Each page is the document it holds: the same hash as that document sent alone.
    for (const [i, p] of pixels.entries()) {
      const alone = (await ingest(await encode(p, 'png'))).pages[0]!;
      assert.ok(hammingDistance(alone.phash!, pages[i]!.phash!) <= 1, `page ${i + 1}`);
    }
    assert.ok(hammingDistance(pages[0]!.phash!, pages[1]!.phash!) > REUSE_MAX_DISTANCE, 'different documents, different hashes');
    assert.deepEqual(await refusal(openOriginal(tiff, { ...LIMITS, maxPages: 2 })), { code: 'UPLOAD_TOO_MANY_PAGES', details: { maxPages: 2 } });
  });

  it("renders each page of a scanner's PDF, and knows the scan's own resolution", async () => {
    const scans = await Promise.all(
      [1, 2].map(async (seed) => {
        const pixels = await documentPixels({ seed, dpi: 150 });
        return { jpeg: await encode(pixels), width: pixels.width, height: pixels.height, widthMm: 210, heightMm: 297 };
      }),
    );
    const pdf = scannerPdf(scans);
    const { original, pages } = await ingest(pdf);
    assert.deepEqual(original, { mediaType: 'application/pdf', pageCount: 2 });
    for (const page of pages) {
      // Rendered at 200 dpi: an A4 page is 1654 × 2339 give or take a pixel.
      assert.ok(Math.abs(page.width - 1654) <= 2 && Math.abs(page.height - 2339) <= 2, `${page.width} × ${page.height}`);
      assert.equal(page.metrics.captureWidth, scans[0]!.width);
      assert.equal(page.metrics.captureHeight, scans[0]!.height);
      assert.ok(page.preview.height <= 2000 && page.thumbnail.height <= 320);
    }
    // The same scan as a JPEG and inside a PDF is the same document image.
    const asJpeg = (await ingest(scans[0]!.jpeg)).pages[0]!;
    assert.ok(hammingDistance(asJpeg.phash!, pages[0]!.phash!) <= REUSE_MAX_DISTANCE);
    assert.deepEqual(await refusal(openOriginal(pdf, { ...LIMITS, maxPages: 1 })), { code: 'UPLOAD_TOO_MANY_PAGES', details: { maxPages: 1 } });
    // A scan larger than the pixel bound is refused, not silently left out of the page.
    const bound = scans[0]!.width * scans[0]!.height - 1;
    assert.deepEqual(await refusal(ingest(pdf, { ...LIMITS, maxPixels: bound })), { code: 'UPLOAD_PIXELS_EXCEEDED', details: { maxPixels: bound } });
  });

  it('renders a colour scan (decoded natively) and a greyscale one (by pdf.js) as the scan itself', async () => {
    const pixels = await documentPixels({ seed: 6, dpi: 150 });
    const colour = await encode(pixels);
    const grey = await sharp(colour).greyscale().jpeg({ quality: 85 }).toBuffer();
    for (const [name, jpeg, colorSpace] of [
      ['colour', colour, 'DeviceRGB'],
      ['grey', grey, 'DeviceGray'],
    ] as const) {
      const pdf = scannerPdf([{ jpeg, width: pixels.width, height: pixels.height, widthMm: 210, heightMm: 297, colorSpace }]);
      const page = await renderPdfPage(pdf, 0, LIMITS.maxPixels);
      const expected = await sharp(jpeg).resize(page.width, page.height, { fit: 'fill' }).toColourspace('srgb').ensureAlpha().raw().toBuffer();
      assert.equal(expected.length, page.data.length, name);
      let difference = 0;
      for (let i = 0; i < expected.length; i++) difference += Math.abs(expected[i]! - page.data[i]!);
      // Resampling differs between Skia and libvips along every stroke: 2.9 levels measured for both.
      // Red and blue swapped measure 7.0 (the seal), a page turned or shifted, or alpha taken for
      // colour, far more.
      assert.ok(difference / expected.length < 4.5, `${name}: mean difference ${(difference / expected.length).toFixed(2)} levels`);
    }
  });

  it('knows the resolution of a scan written inline in the page (BI … EI) as well', async () => {
    const pixels = await documentPixels({ seed: 5, dpi: 100 });
    const jpeg = await encode(pixels);
    const pdf = scannerPdf([{ jpeg, width: pixels.width, height: pixels.height, widthMm: 210, heightMm: 297, inline: true }]);
    const { pages } = await ingest(pdf);
    assert.deepEqual([pages[0]!.metrics.captureWidth, pages[0]!.metrics.captureHeight], [pixels.width, pixels.height]);
    const asJpeg = (await ingest(jpeg)).pages[0]!;
    assert.ok(hammingDistance(asJpeg.phash!, pages[0]!.phash!) <= REUSE_MAX_DISTANCE, 'the inline scan is what the page shows');
  });

  it('refuses a damaged PDF: cut short, its trailer lost, or a scan inside it cut or overwritten', async () => {
    const jpeg = await documentPage({ seed: 3, dpi: 100 });
    const pdf = scannerPdf([{ jpeg, width: 827, height: 1169, widthMm: 210, heightMm: 297 }]);
    const at = pdf.indexOf(jpeg.subarray(0, 32));
    const damaged: Record<string, Buffer> = {
      'cut in half': pdf.subarray(0, pdf.length >> 1),
      'cut before its cross-reference table': pdf.subarray(0, pdf.lastIndexOf('xref')),
      'scan zeroed from its middle': Buffer.from(pdf).fill(0, at + (jpeg.length >> 1), at + jpeg.length),
      'scan overwritten after its header': Buffer.concat([
        pdf.subarray(0, at + 600),
        Buffer.alloc(jpeg.length - 600, 0x55),
        pdf.subarray(at + jpeg.length),
      ]),
      'a header alone': Buffer.from('%PDF-1.4\n'),
    };
    for (const [name, bytes] of Object.entries(damaged)) assert.equal((await refusal(ingest(bytes))).code, 'UPLOAD_UNDECODABLE', name);
  });

  it('refuses images that do not fully decode', async () => {
    const jpeg = await documentPage({ seed: 4, dpi: 100 });
    const png = await documentPage({ seed: 4, dpi: 60, format: 'png' });
    const tiff = await multiPageTiff([await documentPixels({ seed: 4, dpi: 60 })]);
    const damaged: Record<string, Buffer> = {
      'JPEG cut to a third': jpeg.subarray(0, Math.floor(jpeg.length / 3)),
      'JPEG missing its last 1%': jpeg.subarray(0, Math.floor(jpeg.length * 0.99)),
      'JPEG missing only its end marker': jpeg.subarray(0, jpeg.length - 2),
      'JPEG with garbage after its first 2 KB': Buffer.concat([jpeg.subarray(0, 2048), randomBytes(jpeg.length - 2048)]),
      'PNG cut in half': png.subarray(0, png.length >> 1),
      'TIFF cut in half': tiff.subarray(0, tiff.length >> 1),
    };
    for (const [name, bytes] of Object.entries(damaged)) assert.equal((await refusal(ingest(bytes))).code, 'UPLOAD_UNDECODABLE', name);
  });

  it('applies EXIF orientation to what it derives, and measures the page as a person sees it', async () => {
    const upright = await documentPixels({ seed: 6, dpi: 120 });
    // Stored turned a quarter to the left, with orientation 6 telling a viewer to turn it back.
    const sideways = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: 3 } })
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 90 })
      .toBuffer();
    const stored = await sharp(sideways).metadata();
    assert.equal(stored.width, upright.height, 'the stored pixels lie sideways');
    const page = (await ingest(sideways)).pages[0]!;
    assert.equal(page.width, upright.width);
    assert.equal(page.height, upright.height);
    assert.ok(page.preview.height > page.preview.width && page.thumbnail.height > page.thumbnail.width);
    assert.ok(Math.abs(page.metrics.skewDegrees) < 1, `skew ${page.metrics.skewDegrees}`);
    const plain = (await ingest(await encode(upright))).pages[0]!;
    assert.ok(hammingDistance(plain.phash!, page.phash!) <= 2, 'the same page either way');
  });

  it('derives a JPEG preview (long side ≤ 2000) and thumbnail (≤ 320), and makes them again identically', async () => {
    const bytes = await documentPage({ seed: 7, dpi: 300 });
    const original = await openOriginal(bytes, LIMITS);
    const page = await analysePage(bytes, original, 0, LIMITS);
    assert.equal(page.width, 2480);
    assert.equal(page.height, 3508);
    assert.equal(page.preview.height, 2000);
    assert.equal(page.thumbnail.height, 320);
    for (const image of [page.preview, page.thumbnail]) {
      const meta = await sharp(image.bytes).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.deepEqual([meta.width, meta.height], [image.width, image.height]);
    }
    assert.ok((await renderDerivative(bytes, original, 0, 'preview', LIMITS)).bytes.equals(page.preview.bytes));
    assert.ok((await renderDerivative(bytes, original, 0, 'thumbnail', LIMITS)).bytes.equals(page.thumbnail.bytes));
    // A small page is not enlarged.
    const small = await documentPage({ seed: 7, dpi: 60 });
    const smallPage = await analysePage(small, await openOriginal(small, LIMITS), 0, LIMITS);
    assert.equal(smallPage.preview.width, smallPage.width);
    assert.equal((await refusal(analysePage(bytes, original, 1, LIMITS))).code, 'UPLOAD_UNDECODABLE');
  });
});
