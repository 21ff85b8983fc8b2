import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { ANALYSIS_LONG_SIDE, analysePage } from '../server/modules/documents/analyse-page.ts';
import { BAND_BITS, BANDS, PROBE_RADIUS } from '../server/modules/documents/hash-index.ts';
import { decodeInkMap, encodeInkMap, type InkMap, inkMap, MAP_SIDE } from '../server/modules/documents/ink-map.ts';
import { measurePage } from '../server/modules/documents/page-measure.ts';
import { inkDifference, REUSE_MAX_INK_DIFFERENCE } from '../server/modules/documents/ink-map-compare.ts';
import { openOriginal } from '../server/modules/documents/original-file.ts';
import { bandProbes, hammingDistance, hashBands, perceptualHash, REUSE_MAX_DISTANCE } from '../server/modules/documents/perceptual-hash.ts';
import { as, type Client } from './support/api.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';
import type { CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import { MAX_VERIFIED_CANDIDATES } from '../server/modules/capture/record-pages.ts';
import { cameraJpeg, COPY_TRANSFORMS, type CopyTransform, copyOf, type DocumentTemplate, documentPage, prng } from './support/document-images.ts';

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxPixels: 60_000_000, maxPages: 10 };

async function phashOf(bytes: Buffer): Promise<string | null> {
  const original = await openOriginal(bytes, LIMITS);
  return (await analysePage(bytes, original, 0, LIMITS)).phash;
}

interface Analysed {
  phash: string;
  inkMap: InkMap;
  /** The ink map as the database holds it. */
  stored: string;
}

/** What ingest keeps of a page for reuse detection; null for a page with next to no ink. */
async function analyse(bytes: Buffer): Promise<Analysed | null> {
  const analysis = await analysePage(bytes, await openOriginal(bytes, LIMITS), 0, LIMITS);
  if (analysis.phash === null) return null;
  assert.ok(analysis.inkMap, 'a page with a hash has an ink map');
  return { phash: analysis.phash, inkMap: decodeInkMap(analysis.inkMap), stored: analysis.inkMap };
}

function randomHash(random: () => number): string {
  return Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('');
}

/** The hash with `count` distinct bits flipped, chosen by the random source. */
function flipBits(hash: string, count: number, random: () => number): string {
  const bits = BigInt(`0x${hash}`);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(random() * 64));
  let flipped = bits;
  for (const bit of chosen) flipped ^= 1n << BigInt(bit);
  return flipped.toString(16).padStart(16, '0');
}

describe('the perceptual hash index', () => {
  it('measures the Hamming distance between 16-hex-digit hashes', () => {
    assert.equal(hammingDistance('0000000000000000', '0000000000000000'), 0);
    assert.equal(hammingDistance('0000000000000000', 'ffffffffffffffff'), 64);
    assert.equal(hammingDistance('8000000000000001', '0000000000000000'), 2);
    assert.equal(hammingDistance('00ff00ff00ff00ff', 'ff00ff00ff00ff00'), 64);
    assert.throws(() => hammingDistance('00', '0000'));
  });

  it('cuts a hash into 4 bands of 16 bits, most significant first', () => {
    assert.deepEqual(hashBands('0123456789abcdef'), [0x0123, 0x4567, 0x89ab, 0xcdef]);
    assert.throws(() => hashBands('0123456789ABCDEF'), /lowercase/);
    assert.throws(() => hashBands('0123'));
  });

  it('probes each band at every value within the probe radius: a modest number of look-ups', () => {
    assert.equal(BANDS * BAND_BITS, 64);
    const probes = bandProbes(0x1234);
    const expected = Array.from({ length: PROBE_RADIUS + 1 }, (_, k) => binomial(BAND_BITS, k)).reduce((a, b) => a + b, 0);
    assert.equal(probes.length, expected);
    assert.ok(probes.includes(0x1234));
    for (const value of probes) assert.ok(popcount(value ^ 0x1234) <= PROBE_RADIUS, value.toString(16));
    assert.equal(new Set(probes).size, probes.length);
    assert.ok(BANDS * probes.length <= 300, `${BANDS * probes.length} values looked up in all`);
  });

  it('the pigeonhole bound holds: BANDS × (PROBE_RADIUS + 1) exceeds REUSE_MAX_DISTANCE', () => {
    assert.ok(BANDS * (PROBE_RADIUS + 1) > REUSE_MAX_DISTANCE);
  });

  it('finds every pair within REUSE_MAX_DISTANCE through the band probes (every distance, every split of the bits over the bands)', () => {
    const random = prng(20261201);
    // Every way the differing bits can fall into the bands: the worst cases spread them evenly.
    for (let distance = 0; distance <= REUSE_MAX_DISTANCE; distance++) {
      for (const split of splits(distance, BANDS)) {
        for (let trial = 0; trial < 20; trial++) {
          const a = randomHash(random);
          const b = flipInBands(a, split, random);
          assert.equal(hammingDistance(a, b), distance);
          const aBands = hashBands(a);
          const bBands = hashBands(b);
          const found = aBands.some((value, band) => bandProbes(value).includes(bBands[band]!));
          assert.ok(found, `${a} and ${b} (distance ${distance}, split ${split.join('+')}) share no probed band value`);
        }
      }
    }
    // And at random: 2000 pairs at every distance up to the limit.
    for (let distance = 0; distance <= REUSE_MAX_DISTANCE; distance++) {
      for (let trial = 0; trial < 2000; trial++) {
        const a = randomHash(random);
        const b = flipBits(a, distance, random);
        const bBands = hashBands(b);
        assert.ok(hashBands(a).some((value, band) => bandProbes(value).includes(bBands[band]!)));
      }
    }
  });

  it('is tight: one bit beyond the radius in every band is not found, so the radius cannot be smaller', () => {
    const random = prng(7);
    const a = randomHash(random);
    const b = flipInBands(a, Array<number>(BANDS).fill(PROBE_RADIUS + 1), random);
    const bBands = hashBands(b);
    assert.equal(
      hashBands(a).some((value, band) => bandProbes(value).includes(bBands[band]!)),
      false,
    );
    assert.ok(hammingDistance(a, b) > REUSE_MAX_DISTANCE, 'such a pair is beyond the reuse distance anyway');
  });
});

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 0; i < k; i++) result = (result * (n - i)) / (i + 1);
  return result;
}

function popcount(value: number): number {
  let count = 0;
  for (let v = value; v; v >>>= 1) count += v & 1;
  return count;
}

/** Every way to write `total` as an ordered sum of `parts` counts, each at most 16. */
function splits(total: number, parts: number): number[][] {
  if (parts === 1) return total <= BAND_BITS ? [[total]] : [];
  const result: number[][] = [];
  for (let first = 0; first <= Math.min(total, BAND_BITS); first++)
    for (const rest of splits(total - first, parts - 1)) result.push([first, ...rest]);
  return result;
}

/** Flips split[i] distinct bits inside band i. */
function flipInBands(hash: string, split: number[], random: () => number): string {
  const bands = hashBands(hash);
  return bands
    .map((value, band) => {
      const chosen = new Set<number>();
      while (chosen.size < split[band]!) chosen.add(Math.floor(random() * BAND_BITS));
      let flipped = value;
      for (const bit of chosen) flipped ^= 1 << bit;
      return flipped.toString(16).padStart(4, '0');
    })
    .join('');
}

/** Both stages as capture applies them (record-pages.ts): the hash distance, then the ink maps of the later page against the earlier. */
function judge(later: Analysed, earlier: Analysed): { distance: number; difference: number; found: boolean } {
  const distance = hammingDistance(later.phash, earlier.phash);
  const difference = inkDifference(later.inkMap, earlier.inkMap);
  return { distance, difference, found: distance <= REUSE_MAX_DISTANCE && difference <= REUSE_MAX_INK_DIFFERENCE };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const figures = (values: number[]) =>
  sorted(values)
    .map((v) => v.toFixed(2))
    .join(',');

/**
 * Reuse on generated documents. Each template is a kind of document whose pages share the printed
 * form and differ in what was filled in, the photograph, the seal's place and the signature; a copy
 * is the same page recompressed, rescaled, cropped or photographed again (copyOf).
 * HUKOU_REUSE_DOCS sets the documents per template (default 4); docs/CAPTURE.md quotes a run with 12.
 */
const DOCS = Number(process.env.HUKOU_REUSE_DOCS ?? 4);
const TEMPLATES: { template: DocumentTemplate; dpi: number }[] = [
  { template: 'register-form', dpi: 200 },
  { template: 'application-letter', dpi: 200 },
  { template: 'hukou-page', dpi: 300 },
  { template: 'id-card', dpi: 350 },
];

describe('reuse detection on generated documents', () => {
  it('finds transformed copies of a page and does not confuse different documents of the same kind', async () => {
    const byTransform = new Map<CopyTransform, { copies: number; byHash: number; found: number; differences: number[] }>();
    const byTemplate = new Map<DocumentTemplate, { copies: number; found: number }>();
    const distinct: { distance: number; difference: number; found: boolean }[] = [];
    const stored: number[] = [];
    for (const { template, dpi } of TEMPLATES) {
      const originals: Analysed[] = [];
      for (let doc = 0; doc < DOCS; doc++) {
        const seed = 1000 + doc;
        const page = await documentPage({ seed, template, dpi });
        const original = await analyse(page);
        assert.ok(original, `${template} ${seed} has a hash`);
        assert.match(original.phash, /^[0-9a-f]{16}$/);
        originals.push(original);
        stored.push(original.stored.length);
        for (const transform of COPY_TRANSFORMS) {
          const copy = await analyse(await copyOf(page, transform, seed));
          assert.ok(copy, `${template} ${seed} ${transform} has a hash`);
          const verdict = judge(copy, original);
          const entry = byTransform.get(transform) ?? { copies: 0, byHash: 0, found: 0, differences: [] };
          entry.copies++;
          if (verdict.distance <= REUSE_MAX_DISTANCE) entry.byHash++;
          if (verdict.found) entry.found++;
          entry.differences.push(verdict.difference);
          byTransform.set(transform, entry);
          const kind = byTemplate.get(template) ?? { copies: 0, found: 0 };
          kind.copies++;
          if (verdict.found) kind.found++;
          byTemplate.set(template, kind);
        }
      }
      for (let i = 0; i < originals.length; i++) for (let j = i + 1; j < originals.length; j++) distinct.push(judge(originals[j]!, originals[i]!));
    }
    const copies = [...byTransform.values()].reduce((n, e) => n + e.copies, 0);
    const found = [...byTransform.values()].reduce((n, e) => n + e.found, 0);
    const byHash = [...byTransform.values()].reduce((n, e) => n + e.byHash, 0);
    const falseByHash = distinct.filter((d) => d.distance <= REUSE_MAX_DISTANCE).length;
    const falseFindings = distinct.filter((d) => d.found).length;
    console.log(
      `reuse: ${found}/${copies} copies found (${((100 * found) / copies).toFixed(1)} %; by the hash alone ${byHash}); ` +
        `${falseFindings}/${distinct.length} pairs of different documents found (${((100 * falseFindings) / distinct.length).toFixed(1)} %; by the hash alone ${falseByHash}); ` +
        [...byTransform].map(([t, e]) => `${t} ${e.found}/${e.copies} (ink differences ${figures(e.differences)})`).join('; ') +
        `; by template ${[...byTemplate].map(([t, e]) => `${t} ${e.found}/${e.copies}`).join(', ')}` +
        `; different documents: distances ${sorted(distinct.map((d) => d.distance)).join(',')}, ink differences ${figures(distinct.map((d) => d.difference))}` +
        `; stored ink maps ${Math.min(...stored)}–${Math.max(...stored)} characters`,
    );
    assert.ok(found / copies >= 0.9, `detection ${found}/${copies}`);
    for (const [transform, e] of byTransform) assert.ok(e.found / e.copies >= 0.75, `${transform}: ${e.found}/${e.copies}`);
    for (const [template, e] of byTemplate) assert.ok(e.found / e.copies >= 0.75, `${template}: ${e.found}/${e.copies}`);
    assert.ok(falseFindings / distinct.length <= 0.01, `false findings ${falseFindings}/${distinct.length}`);
    assert.ok(Math.max(...stored) <= 5000, 'an ink map is stored in a few KB');
  });

  it('does not find documents of one printed form filled in for different people, at the scanner or the camera', async () => {
    const verdicts: { pair: string; distance: number; difference: number; found: boolean }[] = [];
    // The same sheet, photograph, seal and signature; only the filled-in text differs.
    for (const { template, dpi } of TEMPLATES) {
      for (let doc = 0; doc < Math.max(2, DOCS / 2); doc++) {
        const seed = 2000 + doc;
        const first = await analyse(await documentPage({ seed, template, dpi }));
        const second = await analyse(await documentPage({ seed, template, dpi, fill: seed + 500 }));
        assert.ok(first && second);
        verdicts.push({ pair: `${template} ${seed}`, ...judge(second, first) });
      }
    }
    // 12-megapixel camera photographs of register forms lying on the desk.
    const camera: Analysed[] = [];
    for (let seed = 1; seed <= 4; seed++) {
      const page = await analyse(await cameraJpeg(seed));
      assert.ok(page);
      camera.push(page);
    }
    for (let i = 0; i < camera.length; i++) {
      for (let j = i + 1; j < camera.length; j++) verdicts.push({ pair: `camera ${i + 1}/${j + 1}`, ...judge(camera[j]!, camera[i]!) });
    }
    console.log(`same form, other text: ${verdicts.map((v) => `${v.pair} distance ${v.distance} ink ${v.difference.toFixed(2)}`).join('; ')}`);
    assert.deepEqual(
      verdicts.filter((v) => v.found).map((v) => v.pair),
      [],
      'no findings between documents that differ in what was filled in',
    );
    // The second stage holds on its own, for the pairs the hash brings near (records a finding only when both agree).
    assert.deepEqual(
      verdicts.filter((v) => v.difference <= REUSE_MAX_INK_DIFFERENCE).map((v) => v.pair),
      [],
      'the ink maps tell every pair apart, whatever the hash says',
    );
  });

  it('finds the same sheet photographed again at the camera (moved on the desk, turned up to 8 degrees, in other light), or its photograph cropped', async () => {
    const shots = [
      { dx: 180, dy: -40, angle: 2.5, light: 0.85 },
      { dx: -250, dy: 50, angle: -4, light: 1.08 },
      { dx: 60, dy: 20, angle: 8, light: 0.95 },
    ];
    const verdicts: { pair: string; distance: number; difference: number; found: boolean }[] = [];
    for (let seed = 6; seed < 6 + Math.max(2, DOCS / 2); seed++) {
      const photo = await cameraJpeg(seed);
      const first = await analyse(photo);
      assert.ok(first);
      const cropped = await analyse(await copyOf(photo, 'cropped', seed));
      assert.ok(cropped);
      verdicts.push({ pair: `sheet ${seed} cropped`, ...judge(cropped, first) });
      for (const shot of shots) {
        const again = await analyse(await cameraJpeg(seed, shot));
        assert.ok(again);
        verdicts.push({ pair: `sheet ${seed} turned ${shot.angle}°`, ...judge(again, first) });
      }
    }
    console.log(`photographed again: ${verdicts.map((v) => `${v.pair} distance ${v.distance} ink ${v.difference.toFixed(2)}`).join('; ')}`);
    assert.deepEqual(
      verdicts.filter((v) => !v.found).map((v) => v.pair),
      [],
      'every photograph of the same sheet is found',
    );
  });

  it('finds a copy whose pixels are stored turned with an EXIF orientation, and a camera photograph saved again', async () => {
    for (const { template, dpi } of TEMPLATES) {
      const page = await documentPage({ seed: 3000, template, dpi });
      // Stored turned a quarter to the left, with orientation 6 ("turn right to show").
      const turned = await sharp(page).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 80 }).toBuffer();
      const [original, copy] = [await analyse(page), await analyse(turned)];
      assert.ok(original && copy);
      const verdict = judge(copy, original);
      assert.ok(verdict.found, `${template}: distance ${verdict.distance}, ink difference ${verdict.difference.toFixed(2)}`);
    }
    const photo = await cameraJpeg(5);
    const [original, copy] = [await analyse(photo), await analyse(await copyOf(photo, 'recompressed', 5))];
    assert.ok(original && copy);
    assert.ok(judge(copy, original).found);
  });

  it('stores the ink map compactly and reads back what was measured', async () => {
    const page = await analyse(await documentPage({ seed: 3100, template: 'register-form', dpi: 200 }));
    assert.ok(page);
    const again = decodeInkMap(page.stored);
    assert.equal(again.side, MAP_SIDE);
    assert.equal(again.cells.length, MAP_SIDE * MAP_SIDE);
    assert.equal(inkDifference(again, page.inkMap), 0, 'a page is the same image as itself');
    assert.ok(again.cells.some((v) => v > 0.2) && again.cells.some((v) => v === 0), 'ink where the text is, none on empty paper');
    assert.throws(() => decodeInkMap(Buffer.from([9, 96]).toString('base64')), /version/);
  });

  it('costs a few milliseconds per page to map and about one to compare (logged: docs/CAPTURE.md quotes it)', async () => {
    // An analysis image of the size analyse-page.ts measures, from a 12-megapixel camera JPEG: 1000 pixels across, grey.
    const images = [];
    for (const seed of [1, 2]) {
      const { data, info } = await sharp(await cameraJpeg(seed))
        .resize({ width: ANALYSIS_LONG_SIDE, height: ANALYSIS_LONG_SIDE, fit: 'inside', kernel: 'linear' })
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const image = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
      images.push({ image, measured: measurePage(image) });
    }
    const median = (values: number[]) => sorted(values)[values.length >> 1]!;
    const mapping: number[] = [];
    const hashing: number[] = [];
    const comparing: number[] = [];
    const stored: string[] = [];
    for (let round = 0; round < 12; round++) {
      for (const { image, measured } of images) {
        let start = performance.now();
        perceptualHash(image, measured);
        hashing.push(performance.now() - start);
        start = performance.now();
        const map = inkMap(image, measured);
        assert.ok(map);
        stored.push(encodeInkMap(map));
        mapping.push(performance.now() - start);
      }
      const start = performance.now();
      inkDifference(decodeInkMap(stored.at(-1)!), decodeInkMap(stored.at(-2)!));
      comparing.push(performance.now() - start);
    }
    // The first rounds compile the code.
    const warm = (values: number[]) => values.slice(values.length / 4);
    console.log(
      `ink map and its encoding ${median(warm(mapping)).toFixed(1)} ms per page (fastest ${Math.min(...mapping).toFixed(1)}), ` +
        `the hash ${median(warm(hashing)).toFixed(1)} ms, one comparison with both decoded ${median(warm(comparing)).toFixed(2)} ms ` +
        `(fastest ${Math.min(...comparing).toFixed(2)}), medians; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`,
    );
  });

  it('gives a blank page no hash, so it is never the same image as anything', async () => {
    for (const template of ['register-form', 'hukou-page'] as const) {
      assert.equal(await phashOf(await documentPage({ seed: 5, template, variant: 'blank', dpi: 300 })), null, template);
    }
  });
});

/**
 * The two stages as capture records them, through the API in process (app.inject: no listening
 * server): findings are rows in image_reuse, written by record-pages.ts with the SQL of capture.repo.ts.
 */
describe('reuse findings recorded at capture', () => {
  let env: TestEnv;
  let officer: Client;
  let subtype: CatalogSubtype;
  let material: string;
  let serial = 600;
  const newCase = async () => (await acceptSample(officer, subtype, serial++)).id as string;
  const capture = async (caseId: string, bytes: Buffer) => {
    const res = await officer.upload(caseId, material, bytes);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.images.at(-1) as { id: string; reuse: { otherCaseId: string }[] };
  };
  const otherCases = (page: { reuse: { otherCaseId: string }[] }) => page.reuse.map((r) => r.otherCaseId).sort();

  before(async () => {
    env = await createTestEnv();
    officer = await as(env, 'gulou.officer');
    subtype = subtypeWithChain(env, 'station');
    material = firstMaterialCode(subtype);
  });
  after(async () => {
    await env.close();
  });

  /** Gives a stored page another hash, index rows and all: as if the hash had come near another document's. */
  async function setStoredHash(imageId: string, phash: string) {
    const db = env.ctx.db.kysely;
    await db.updateTable('case_images').set({ phash }).where('id', '=', imageId).execute();
    await db.deleteFrom('image_hash_bands').where('image_id', '=', imageId).execute();
    await db
      .insertInto('image_hash_bands')
      .values(hashBands(phash).map((value, band) => ({ band, value, image_id: imageId })))
      .execute();
  }

  it('records a copy, not another form of the same kind at the camera, even when the hash comes near; a page captured before ink maps is judged on the hash', async () => {
    const first = await cameraJpeg(1);
    const a = await newCase();
    const pageA = await capture(a, first);
    const [firstHash] = (await env.ctx.db.kysely.selectFrom('case_images').select('phash').where('id', '=', pageA.id).execute()).map((r) => r.phash!);
    // Another register form on the desk. The hash puts it far from A; here A's stored hash is made
    // equal to its own (the hash alone came within reach for 4 of 264 pairs of different documents),
    // so the ink maps decide.
    const other = await cameraJpeg(3);
    const otherHash = (await analyse(other))!.phash;
    assert.ok(hammingDistance(firstHash!, otherHash) > REUSE_MAX_DISTANCE, 'the hash tells these two apart by itself');
    await setStoredHash(pageA.id, otherHash);
    const b = await newCase();
    const pageB = await capture(b, other);
    assert.deepEqual(pageB.reuse, [], 'the same form filled in for someone else is not a finding');
    await setStoredHash(pageA.id, firstHash!);

    const c = await newCase();
    assert.deepEqual(otherCases(await capture(c, await copyOf(first, 'recompressed', 1))), [a], 'a copy is');

    // As if page A had been captured before migration 0009, its hash near the other form's: no ink
    // map, the distance alone decides.
    await env.ctx.db.kysely.deleteFrom('image_ink_maps').where('image_id', '=', pageA.id).execute();
    await setStoredHash(pageA.id, otherHash);
    const d = await newCase();
    assert.deepEqual(otherCases(await capture(d, other)), [a, b].sort(), 'B by its ink map, A by the hash alone');
  });

  it(`records at most ${MAX_VERIFIED_CANDIDATES} findings for a page, however many cases hold the same image`, async () => {
    const page = await documentPage({ seed: 611, dpi: 100 });
    for (let i = 0; i < MAX_VERIFIED_CANDIDATES + 2; i++) await capture(await newCase(), page);
    const last = await capture(await newCase(), page);
    assert.equal(last.reuse.length, MAX_VERIFIED_CANDIDATES);
    const rows = await env.ctx.db.kysely.selectFrom('image_reuse').select('other_image_id').where('image_id', '=', last.id).execute();
    assert.equal(rows.length, MAX_VERIFIED_CANDIDATES);
    const maps = await env.ctx.db.kysely.selectFrom('image_ink_maps').select('ink_map').where('image_id', '=', last.id).executeTakeFirst();
    assert.ok(maps && maps.ink_map.length <= 5000, 'the page keeps its ink map');
  });
});
