/**
 * The index over perceptual hashes (multi-index hashing, Norouzi et al. 2012): a 64-bit hash is cut
 * into BANDS bands of 16 bits, each stored with its value in an indexed table. If two hashes differ
 * in at most REUSE_MAX_DISTANCE bits, they cannot differ in PROBE_RADIUS + 1 or more bits in every
 * band, since that would make BANDS × (PROBE_RADIUS + 1) > REUSE_MAX_DISTANCE bits in all. So at
 * least one band is within PROBE_RADIUS bits: looking up, for each band, every value within
 * PROBE_RADIUS bits of the new hash's band finds every pair, with index lookups only.
 * test/documents-reuse.test.ts checks this for every distance up to the limit.
 */
export const BANDS = 4;
export const BAND_BITS = 16;

/**
 * Hamming distance at or below which two pages are the same document image. Copies of a page
 * (recompressed, rescaled, cropped, photographed again) measure 0–4 on the generated documents and
 * different documents of one kind 6 or more (docs/CAPTURE.md has the figures).
 */
export const REUSE_MAX_DISTANCE = 5;

/** Bits each band is probed around: the largest r with BANDS × (r + 1) > REUSE_MAX_DISTANCE holding for r = PROBE_RADIUS. */
export const PROBE_RADIUS = Math.floor(REUSE_MAX_DISTANCE / BANDS);

export function hashBands(phash: string): number[] {
  if (!/^[0-9a-f]{16}$/.test(phash)) throw new Error('a perceptual hash is 16 lowercase hex digits');
  return Array.from({ length: BANDS }, (_, band) => parseInt(phash.slice(band * 4, band * 4 + 4), 16));
}

/** The band values within PROBE_RADIUS bits of this one, itself included: 17 for a radius of 1. */
export function bandProbes(bandValue: number): number[] {
  let probes = [bandValue];
  for (let radius = 0; radius < PROBE_RADIUS; radius++) {
    const next = new Set(probes);
    for (const value of probes) for (let bit = 0; bit < BAND_BITS; bit++) next.add(value ^ (1 << bit));
    probes = [...next];
  }
  return probes.sort((a, b) => a - b);
}
