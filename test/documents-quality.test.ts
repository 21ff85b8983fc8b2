import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { type CatalogMaterial, CatalogSchema } from '../server/modules/catalog/catalog.schema.ts';
import { analysePage } from '../server/modules/documents/analyse-page.ts';
import { openOriginal } from '../server/modules/documents/original-file.ts';
import { effectiveDpi, PAPER_SIZE_NAMES, type PaperSize } from '../server/modules/documents/paper.ts';
import { DEFAULT_QUALITY, judgeQuality, type QualityMetrics, type QualityWarningCode } from '../server/modules/documents/quality.ts';
import { markedDocument } from '../bench/ingest-images.ts';
import { cameraJpeg, type DocumentTemplate, documentPage, type PageVariant, TEMPLATE_PAPER } from './support/document-images.ts';

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxPixels: 60_000_000, maxPages: 10 };

const catalog = CatalogSchema.parse(
  JSON.parse(readFileSync(new URL('../server/modules/catalog/data/ezhou-catalog.2026.2.json', import.meta.url), 'utf8')),
);
const materials = catalog.categories.flatMap((c) => c.subtypes.flatMap((s) => s.materials));

/** A material of the catalog printed on this paper: the limits a page of it is judged by. */
function materialOn(paper: PaperSize): CatalogMaterial {
  const material = materials.find((m) => m.paper === paper);
  assert.ok(material, `the catalog has a material on ${paper}`);
  return material;
}

async function metricsOf(bytes: Buffer): Promise<QualityMetrics> {
  const original = await openOriginal(bytes, LIMITS);
  return (await analysePage(bytes, original, 0, LIMITS)).metrics;
}

const EXPECTED: Record<PageVariant, QualityWarningCode[]> = {
  sharp: [],
  blurred: ['BLURRED'],
  dark: ['TOO_DARK'],
  overexposed: ['OVEREXPOSED'],
  blank: ['NEARLY_BLANK'],
  skewed: ['SKEWED'],
  'low-resolution': ['LOW_RESOLUTION'],
};

/** Sizes: each template at a resolution its material accepts (ID cards and booklet pages need 300 dpi). */
const SIZES: { template: DocumentTemplate; dpi: number; format: 'jpeg' | 'png'; seed: number }[] = [
  { template: 'register-form', dpi: 200, format: 'jpeg', seed: 11 },
  { template: 'register-form', dpi: 300, format: 'jpeg', seed: 12 },
  { template: 'application-letter', dpi: 240, format: 'png', seed: 13 },
  { template: 'hukou-page', dpi: 320, format: 'jpeg', seed: 14 },
  { template: 'id-card', dpi: 400, format: 'jpeg', seed: 15 },
];

describe('quality checks on generated pages', () => {
  for (const { template, dpi, format, seed } of SIZES) {
    it(`${template} at ${dpi} dpi (${format}, seed ${seed}): each kind of page gets exactly its own warning, a good page none`, async () => {
      const material = materialOn(TEMPLATE_PAPER[template]);
      for (const variant of Object.keys(EXPECTED) as PageVariant[]) {
        const metrics = await metricsOf(await documentPage({ seed, template, variant, dpi, format }));
        const codes = judgeQuality(metrics, material).map((w) => w.code);
        assert.deepEqual(codes, EXPECTED[variant], `${template} seed ${seed} ${variant}: ${JSON.stringify(metrics)}`);
      }
    });
  }

  it('finds a skewed page turned either way, to within half a degree', async () => {
    for (const rotate of [-6, -3, 3.5, 7]) {
      const metrics = await metricsOf(await documentPage({ seed: 21, rotate }));
      assert.ok(Math.abs(metrics.skewDegrees - rotate) <= 0.5, `turned ${rotate}, measured ${metrics.skewDegrees}`);
    }
  });

  it('passes the 12-megapixel document-camera photograph of an A4 form', async () => {
    const metrics = await metricsOf(await cameraJpeg(3));
    assert.deepEqual(judgeQuality(metrics, materialOn('a4')), []);
    assert.equal(metrics.width, 4000);
    assert.equal(metrics.height, 3000);
  });

  it('reads no turn from solid dark boxes on a photographed sheet (the bench pictures whose sampled ink once made a lattice)', async () => {
    // Seeds of the bench's pictures (seed 20261129, documents 25 and 26) read as turned 14° when every
    // n-th ink pixel was sampled in reading order.
    for (const seed of [20_261_154, 20_261_155]) {
      const metrics = await metricsOf(await markedDocument(seed));
      assert.ok(Math.abs(metrics.skewDegrees) <= 0.5, `seed ${seed}: measured ${metrics.skewDegrees}`);
    }
  });

  it('reads a sheet photographed lying sideways as straight, and the turn within its quarter', async () => {
    // Bench pictures whose quarter turn read as 15.9° and −7.3° before the quarter was decided first.
    for (const seed of [20_261_136, 20_261_157]) {
      const upright = await markedDocument(seed);
      for (const quarter of [90, 270]) {
        const metrics = await metricsOf(await sharp(upright).rotate(quarter).jpeg({ quality: 90 }).toBuffer());
        assert.ok(Math.abs(metrics.skewDegrees) <= 0.5, `seed ${seed} turned ${quarter}: measured ${metrics.skewDegrees}`);
      }
    }
    const sideways = await metricsOf(await cameraJpeg(4, { angle: 93 }));
    assert.ok(Math.abs(sideways.skewDegrees - 3) <= 0.5, `lying sideways and turned 3 more, measured ${sideways.skewDegrees}`);
  });

  it('measures the photographed sheet, not the desk around it: as the sheet cut out of the photograph measures', async () => {
    const photo = await cameraJpeg(4);
    // cameraJpeg lays the 2022 × 2860 sheet in the middle of the 4000 × 3000 frame.
    const sheet = await sharp(photo).extract({ left: 989, top: 70, width: 2022, height: 2860 }).jpeg({ quality: 95 }).toBuffer();
    const [onDesk, cut] = [await metricsOf(photo), await metricsOf(sheet)];
    const near = (a: number, b: number, share: number) => Math.abs(a - b) <= share * Math.max(a, b);
    assert.ok(near(onDesk.inkFraction, cut.inkFraction, 0.1), `ink ${onDesk.inkFraction} on the desk, ${cut.inkFraction} cut out`);
    assert.ok(near(onDesk.paperLuminance, cut.paperLuminance, 0.03), `paper ${onDesk.paperLuminance} on the desk, ${cut.paperLuminance} cut out`);
    assert.ok(near(onDesk.sharpness, cut.sharpness, 0.2), `sharpness ${onDesk.sharpness} on the desk, ${cut.sharpness} cut out`);
    // A sheet lying turned on the desk: the turn is the text's, not the desk's.
    const turned = await metricsOf(await cameraJpeg(4, { angle: 3, dx: 150 }));
    assert.ok(Math.abs(turned.skewDegrees - 3) <= 0.5, `turned 3, measured ${turned.skewDegrees}`);
  });
});

const goodMetrics = (): QualityMetrics => ({
  width: 1654,
  height: 2339,
  captureWidth: 1654,
  captureHeight: 2339,
  sharpness: 15000,
  paperLuminance: 240,
  inkLuminance: 20,
  inkFraction: 0.06,
  clippedFraction: 0.05,
  skewDegrees: 0.3,
});

describe('judgeQuality', () => {
  const a4: Pick<CatalogMaterial, 'paper' | 'quality'> = { paper: 'a4' };

  it('judges resolution from the paper, whichever way round the page lies', () => {
    assert.deepEqual(judgeQuality(goodMetrics(), a4), []);
    const landscape = { ...goodMetrics(), width: 2339, height: 1654, captureWidth: 2339, captureHeight: 1654 };
    assert.deepEqual(judgeQuality(landscape, a4), []);
    const small = { ...goodMetrics(), captureWidth: 1100, captureHeight: 1555 };
    assert.deepEqual(judgeQuality(small, a4), [{ code: 'LOW_RESOLUTION', measured: 133, limit: 200 }]);
    // The same pixels are plenty for an identity card, but not the 300 dpi the catalog asks for a card.
    assert.deepEqual(judgeQuality({ ...goodMetrics(), captureWidth: 900, captureHeight: 600 }, { paper: 'id-card', quality: { minDpi: 300 } }), [
      { code: 'LOW_RESOLUTION', measured: 267, limit: 300 },
    ]);
  });

  it('judges a scan at the resolution it was made at, to the nearest dot', () => {
    // A scanner at 200 dpi truncates an A4 sheet to whole pixels: 199.9 dpi by the millimetres.
    const scannedAt200 = { ...goodMetrics(), width: 1653, height: 2338, captureWidth: 1653, captureHeight: 2338 };
    assert.ok(effectiveDpi(1653, 2338, 'a4') < 200);
    assert.deepEqual(judgeQuality(scannedAt200, a4), []);
    const scannedAt198 = { ...goodMetrics(), captureWidth: 1637, captureHeight: 2315 };
    assert.deepEqual(judgeQuality(scannedAt198, a4), [{ code: 'LOW_RESOLUTION', measured: 198, limit: 200 }]);
  });

  it('takes the best case when the frame is not the shape of the paper: the sheet fills one side', () => {
    // 4000 × 3000 of an A4 sheet: the long side allows 342 dpi, the short side 363.
    assert.equal(Math.floor(effectiveDpi(4000, 3000, 'a4')), 342);
    assert.equal(Math.floor(effectiveDpi(3000, 4000, 'a4')), 342);
    for (const paper of PAPER_SIZE_NAMES) assert.ok(effectiveDpi(1000, 1000, paper) > 0, paper);
  });

  it('judges A4 when the material names no paper, and skips resolution for a drawn PDF page', () => {
    assert.deepEqual(
      judgeQuality({ ...goodMetrics(), captureWidth: 1100, captureHeight: 1555 }, {}).map((w) => w.code),
      ['LOW_RESOLUTION'],
    );
    assert.deepEqual(judgeQuality({ ...goodMetrics(), captureWidth: 0, captureHeight: 0 }, a4), []);
  });

  it('applies each default limit and a material override of it', () => {
    const cases: [Partial<QualityMetrics>, QualityWarningCode][] = [
      [{ sharpness: DEFAULT_QUALITY.minSharpness - 1 }, 'BLURRED'],
      [{ paperLuminance: DEFAULT_QUALITY.minPaperLuminance - 1 }, 'TOO_DARK'],
      [{ clippedFraction: 0.8, inkLuminance: DEFAULT_QUALITY.maxInkLuminance + 1 }, 'OVEREXPOSED'],
      [{ inkFraction: DEFAULT_QUALITY.minInkFraction / 2 }, 'NEARLY_BLANK'],
      [{ skewDegrees: -(DEFAULT_QUALITY.maxSkewDegrees + 0.5) }, 'SKEWED'],
    ];
    assert.deepEqual(
      judgeQuality({ ...goodMetrics(), sharpness: 100, skewDegrees: 5 }, a4).map((w) => w.code),
      ['BLURRED'],
      'a blurred page is not judged for skew',
    );
    for (const [change, code] of cases) {
      const warnings = judgeQuality({ ...goodMetrics(), ...change }, a4);
      assert.deepEqual(
        warnings.map((w) => w.code),
        [code],
        JSON.stringify(change),
      );
    }
    assert.deepEqual(judgeQuality({ ...goodMetrics(), skewDegrees: 2.5 }, { paper: 'a4', quality: { maxSkewDegrees: 3 } }), []);
    assert.deepEqual(judgeQuality({ ...goodMetrics(), sharpness: 1200 }, { paper: 'a4', quality: { minSharpness: 1000 } }), []);
    assert.deepEqual(judgeQuality({ ...goodMetrics(), skewDegrees: -2.46 }, a4), [{ code: 'SKEWED', measured: 2.5, limit: 2 }]);
  });

  it('does not call light strokes overexposure unless the page is blown out, nor judge the ink of a blank page', () => {
    assert.deepEqual(judgeQuality({ ...goodMetrics(), inkLuminance: 130, clippedFraction: 0.1 }, a4), []);
    const blank = { ...goodMetrics(), inkFraction: 0.0001, sharpness: 10, skewDegrees: 9, inkLuminance: 200, clippedFraction: 0.9 };
    assert.deepEqual(
      judgeQuality(blank, a4).map((w) => w.code),
      ['NEARLY_BLANK'],
    );
  });
});

describe('catalog 2026.2 papers and limits', () => {
  it('names the paper of every material, and asks 300 dpi of identity cards, booklet pages and passports', () => {
    for (const material of materials) {
      assert.ok(material.paper, `${material.code} has a paper`);
      if (material.paper === 'id-card' || material.paper === 'hukou-page' || material.paper === 'passport-page') {
        assert.equal(material.quality?.minDpi, 300, material.code);
      } else {
        assert.equal(material.quality, undefined, material.code);
      }
    }
    assert.ok(materials.filter((m) => m.paper === 'id-card').length > 10);
  });

  it('is version 2026.1 with papers added and nothing else changed', () => {
    const first = CatalogSchema.parse(
      JSON.parse(readFileSync(new URL('../server/modules/catalog/data/ezhou-catalog.2026.1.json', import.meta.url), 'utf8')),
    );
    assert.equal(catalog.version, 'ezhou-2026.2');
    assert.equal(catalog.effectiveFrom, '2026-12-01');
    const strip = (c: typeof catalog) =>
      c.categories.map((category) => ({
        ...category,
        subtypes: category.subtypes.map((s) => ({ ...s, materials: s.materials.map(({ paper: _p, quality: _q, ...m }) => m) })),
      }));
    assert.deepEqual(strip(catalog), strip(first));
  });

  it('refuses an unknown paper and a misspelt quality limit', () => {
    const raw = JSON.parse(readFileSync(new URL('../server/modules/catalog/data/ezhou-catalog.2026.2.json', import.meta.url), 'utf8'));
    raw.categories[0].subtypes[0].materials[0].paper = 'letter';
    assert.equal(CatalogSchema.safeParse(raw).success, false);
    raw.categories[0].subtypes[0].materials[0].paper = 'a4';
    raw.categories[0].subtypes[0].materials[0].quality = { minDPI: 300 };
    assert.equal(CatalogSchema.safeParse(raw).success, false);
  });
});
