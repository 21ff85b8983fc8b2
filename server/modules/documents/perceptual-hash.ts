import { accumulateInk, hasInkToCompare, inkFrame } from './ink-grid.ts';
import type { GrayImage, PageMeasurement } from './page-measure.ts';

/**
 * A 64-bit perceptual hash of a document page, for finding the same document image captured
 * again (another case, another day): a DCT hash of the page's ink, normalised first so that what a
 * copy changes does not reach it.
 *
 * - Ink, not grey levels: a pixel weighs 0 at 90 % of the paper's level around it (page-measure.ts)
 *   rising linearly to 1 at 50 %, so light, exposure and gamma mostly fall away, and so do paper
 *   grain and the grey desk around a sheet. The ramp has no step: a stroke or a photograph that a
 *   copy makes a little lighter moves the hash a little, never across a threshold at once.
 * - Turned back by the measured skew and framed by the ink itself (the 1st to 99th percentile of the
 *   ink along each axis), so a rotation of a degree or two, a crop of the margins or a rescale leave
 *   the frame where it was; sampled onto a 32 × 32 grid with bilinear weights.
 * - The 64 bits are the signs of 64 DCT coefficients of mid-low frequency (the 65th to 128th in
 *   zig-zag order, about 11 to 15 cycles across the page). The lowest frequencies describe the
 *   layout, which every document of a kind shares (two different 常住人口登记表 agree on nearly all
 *   of them); these are fine enough to see where the filled-in text, the photograph, the seal and
 *   the signature fall, and coarse enough that a copy keeps them.
 * docs/CAPTURE.md gives the measured detection and false-match rates.
 */

const GRID = 32;
const BITS = 64;
/** Zig-zag index of the first frequency used (the mean excluded). */
const FIRST_FREQUENCY = 64;
const INK_START = 0.9;
const INK_FULL = 0.5;

/** The ink of the page, turned back by its skew and framed by its ink, on a GRID × GRID grid. */
function inkGrid(image: GrayImage, measurement: PageMeasurement): Float64Array {
  return accumulateInk(image, measurement, inkFrame(measurement, GRID), GRID, INK_START, INK_FULL);
}

/** The (vertical, horizontal) frequency pairs in zig-zag order, the mean (0, 0) left out. */
function zigzag(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let sum = 1; pairs.length < count; sum++) {
    for (let i = 0; i <= sum && pairs.length < count; i++) {
      const [r, c] = sum % 2 === 0 ? [i, sum - i] : [sum - i, i];
      if (r < GRID && c < GRID) pairs.push([r, c]);
    }
  }
  return pairs;
}

const FREQUENCIES = zigzag(FIRST_FREQUENCY + BITS).slice(FIRST_FREQUENCY);
const MAX_FREQUENCY = Math.max(...FREQUENCIES.flat()) + 1;

/** cos((2x + 1) u π / 2N) for the frequencies used. */
const COSINES = (() => {
  const table = new Float64Array(MAX_FREQUENCY * GRID);
  for (let u = 0; u < MAX_FREQUENCY; u++) for (let x = 0; x < GRID; x++) table[u * GRID + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * GRID));
  return table;
})();

/** The DCT-II coefficients of the grid at the frequencies used (unnormalised: only their signs matter). */
function coefficients(grid: Float64Array): Float64Array {
  const rows = new Float64Array(GRID * MAX_FREQUENCY);
  for (let y = 0; y < GRID; y++) {
    for (let u = 0; u < MAX_FREQUENCY; u++) {
      let s = 0;
      for (let x = 0; x < GRID; x++) s += grid[y * GRID + x]! * COSINES[u * GRID + x]!;
      rows[y * MAX_FREQUENCY + u] = s;
    }
  }
  return Float64Array.from(FREQUENCIES, ([v, u]) => {
    let s = 0;
    for (let y = 0; y < GRID; y++) s += rows[y * MAX_FREQUENCY + u]! * COSINES[v * GRID + y]!;
    return s;
  });
}

export function hashOfGrid(grid: Float64Array): string {
  const signs = coefficients(grid);
  let hex = '';
  for (let nibble = 0; nibble < BITS / 4; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | (signs[nibble * 4 + bit]! > 0 ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** The page's hash, or null when it holds too little ink to say anything about. */
export function perceptualHash(image: GrayImage, measurement: PageMeasurement): string | null {
  if (!hasInkToCompare(measurement)) return null;
  return hashOfGrid(inkGrid(image, measurement));
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, v) => {
  let n = 0;
  for (let b = v; b; b >>= 1) n += b & 1;
  return n;
});

export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error('hashes of different lengths');
  let distance = 0;
  for (let i = 0; i < a.length; i += 2) distance += POPCOUNT[parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16)]!;
  return distance;
}

export { bandProbes, hashBands, REUSE_MAX_DISTANCE } from './hash-index.ts';
