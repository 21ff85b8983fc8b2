import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analysePage } from '../server/modules/documents/analyse-page.ts';
import { BAND_BITS, BANDS, PROBE_RADIUS } from '../server/modules/documents/hash-index.ts';
import { openOriginal } from '../server/modules/documents/original-file.ts';
import { bandProbes, hammingDistance, hashBands, REUSE_MAX_DISTANCE } from '../server/modules/documents/perceptual-hash.ts';
import { COPY_TRANSFORMS, type CopyTransform, copyOf, type DocumentTemplate, documentPage, prng } from './support/document-images.ts';

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxPixels: 60_000_000, maxPages: 10 };

async function phashOf(bytes: Buffer): Promise<string | null> {
  const original = await openOriginal(bytes, LIMITS);
  return (await analysePage(bytes, original, 0, LIMITS)).phash;
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
    let copies = 0;
    let found = 0;
    let pairs = 0;
    let falseMatches = 0;
    const byTransform = new Map<CopyTransform, { copies: number; found: number; distances: number[] }>();
    const distinctDistances: number[] = [];
    for (const { template, dpi } of TEMPLATES) {
      const hashes: string[] = [];
      for (let doc = 0; doc < DOCS; doc++) {
        const seed = 1000 + doc;
        const page = await documentPage({ seed, template, dpi });
        const hash = await phashOf(page);
        assert.ok(hash, `${template} ${seed} has a hash`);
        assert.match(hash, /^[0-9a-f]{16}$/);
        hashes.push(hash);
        for (const transform of COPY_TRANSFORMS) {
          const copyHash = await phashOf(await copyOf(page, transform, seed));
          assert.ok(copyHash, `${template} ${seed} ${transform} has a hash`);
          const distance = hammingDistance(hash, copyHash);
          const entry = byTransform.get(transform) ?? { copies: 0, found: 0, distances: [] };
          entry.copies++;
          entry.distances.push(distance);
          if (distance <= REUSE_MAX_DISTANCE) entry.found++;
          byTransform.set(transform, entry);
          copies++;
          if (distance <= REUSE_MAX_DISTANCE) found++;
        }
      }
      for (let i = 0; i < hashes.length; i++) {
        for (let j = i + 1; j < hashes.length; j++) {
          const distance = hammingDistance(hashes[i]!, hashes[j]!);
          distinctDistances.push(distance);
          pairs++;
          if (distance <= REUSE_MAX_DISTANCE) falseMatches++;
        }
      }
    }
    const detection = found / copies;
    const falseMatchRate = falseMatches / pairs;
    const report = [...byTransform].map(([t, e]) => `${t} ${e.found}/${e.copies} (distances ${e.distances.sort((a, b) => a - b).join(',')})`);
    console.log(
      `reuse: ${found}/${copies} copies found (${(100 * detection).toFixed(1)} %), ${falseMatches}/${pairs} pairs of different documents matched (${(100 * falseMatchRate).toFixed(1)} %); ` +
        `${report.join('; ')}; different documents: distances ${distinctDistances.sort((a, b) => a - b).join(',')}`,
    );
    assert.ok(detection >= 0.9, `detection ${detection}`);
    assert.ok(falseMatchRate <= 0.05, `false matches ${falseMatchRate}`);
  });

  it('gives a blank page no hash, so it is never the same image as anything', async () => {
    for (const template of ['register-form', 'hukou-page'] as const) {
      assert.equal(await phashOf(await documentPage({ seed: 5, template, variant: 'blank', dpi: 300 })), null, template);
    }
  });
});
