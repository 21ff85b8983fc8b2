import type { InkMap } from './ink-map.ts';

/**
 * The second stage of reuse detection: whether two pages the hash index put side by side are the
 * same document *image*, from their ink maps (ink-map.ts). Documents of one printed form share
 * nearly all their ink (rules, labels, title) and differ in a few fields, so a global measure (the
 * mean difference, a correlation) calls them alike; what tells them apart is the strongest
 * difference in any small place, where one has a character the other has not.
 *
 * 1. Align: each map's column and row profiles (ink per column, per row) are matched, scale and shift
 *    per axis, by normalised correlation (a coarse search of ±10 % in scale by 2 % and ±10 cells in
 *    shift by half a cell, then halving steps). The frames already agree to a cell or two; this absorbs a frame moved by a
 *    crop into the content and leaves well under a cell of error.
 * 2. Only where both images have pixels (one cell in from each image's edge, through the frames kept
 *    with the maps) counts: a crop removed that part from one of them.
 * 3. One gain for the whole page (least squares of A against the aligned B): other light or gamma
 *    makes all the strokes a little heavier or lighter.
 * 4. For every WINDOW × WINDOW block of cells (about one character): the sum of the absolute
 *    differences over the sum of the ink of both, plus SPARSE_INK per cell so a speck on empty paper
 *    is not a difference. The page's difference is the largest of these, 0 (the same) to 1 (ink in
 *    one where the other has none).
 *
 * docs/CAPTURE.md gives the measured distributions (copies 0.07–0.56, different documents of one
 * form 0.73–0.95 on the generated ones); REUSE_MAX_INK_DIFFERENCE sits between them.
 */

/** At or below this difference two pages are the same document image. */
export const REUSE_MAX_INK_DIFFERENCE = 0.65;
const WINDOW = 2;
const SPARSE_INK = 0.05;
/** Below this share of cells seen by both images, the pages are not compared: not the same image. */
const MIN_OVERLAP = 0.5;

interface Axis {
  scale: number;
  shift: number;
}

function profiles(map: InkMap): { cols: Float64Array; rows: Float64Array } {
  const { side, cells } = map;
  const cols = new Float64Array(side);
  const rows = new Float64Array(side);
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const v = cells[j * side + i]!;
      cols[i]! += v;
      rows[j]! += v;
    }
  }
  return { cols, rows };
}

/** The normalised correlation of profile a with profile b read at scale · i + shift (linear interpolation, 0 outside). */
function correlation(a: Float64Array, b: Float64Array, { scale, shift }: Axis): number {
  const n = a.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const x = scale * i + shift;
    const g = Math.floor(x);
    if (g < -1 || g >= n) continue;
    const t = x - g;
    const v = (g >= 0 ? (1 - t) * b[g]! : 0) + (g + 1 < n ? t * b[g + 1]! : 0);
    ab += a[i]! * v;
    aa += a[i]! * a[i]!;
    bb += v * v;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** The scale and shift taking a's cells to b's along one axis. */
function alignAxis(a: Float64Array, b: Float64Array): Axis {
  const centre = (a.length - 1) / 2;
  let best: Axis = { scale: 1, shift: 0 };
  let bestScore = -Infinity;
  for (let s = -5; s <= 5; s++) {
    const scale = 1 + s / 50;
    for (let t = -20; t <= 20; t++) {
      // Scaled about the centre, so scale and shift are searched nearly independently.
      const axis = { scale, shift: t / 2 + centre * (1 - scale) };
      const score = correlation(a, b, axis);
      if (score > bestScore) [best, bestScore] = [axis, score];
    }
  }
  for (let step = 0; step <= 4; step++) {
    const ds = 0.01 / 2 ** step;
    const dt = 0.5 / 2 ** step;
    const around = best;
    for (const [scale, shift] of [
      [around.scale - ds, around.shift + ds * centre],
      [around.scale + ds, around.shift - ds * centre],
      [around.scale, around.shift - dt],
      [around.scale, around.shift + dt],
    ] as const) {
      const score = correlation(a, b, { scale, shift });
      if (score > bestScore) [best, bestScore] = [{ scale, shift }, score];
    }
  }
  return best;
}

/** Whether a point of the map's grid lies on its image, one cell in from the image's edges. */
function onImage(map: InkMap, gx: number, gy: number): boolean {
  const u = (gx + 0.5) / map.uScale + map.u0;
  const v = (gy + 0.5) / map.vScale + map.v0;
  const x = u * map.cos + v * map.sin;
  const y = -u * map.sin + v * map.cos;
  const margin = Math.max(1 / map.uScale, 1 / map.vScale);
  return x >= margin && y >= margin && x <= map.width - margin && y <= map.height - margin;
}

/** The map at a point inside its grid (0 ≤ x, y ≤ side − 1), interpolated bilinearly. */
function sample(map: InkMap, x: number, y: number): number {
  const { side, cells } = map;
  const gx = Math.min(side - 2, Math.floor(x));
  const gy = Math.min(side - 2, Math.floor(y));
  const ax = x - gx;
  const ay = y - gy;
  const k = gy * side + gx;
  return (1 - ay) * ((1 - ax) * cells[k]! + ax * cells[k + 1]!) + ay * ((1 - ax) * cells[k + side]! + ax * cells[k + side + 1]!);
}

/** How different two pages' ink is where it differs most, 0–1 (see above); 1 when they cannot be compared. */
export function inkDifference(a: InkMap, b: InkMap): number {
  if (a.side !== b.side) return 1;
  const side = a.side;
  const pa = profiles(a);
  const pb = profiles(b);
  const x = alignAxis(pa.cols, pb.cols);
  const y = alignAxis(pa.rows, pb.rows);
  // b resampled onto a's grid, and which cells both images show.
  const aligned = new Float32Array(side * side);
  const shared = new Uint8Array(side * side);
  let ab = 0;
  let bb = 0;
  let count = 0;
  for (let j = 0; j < side; j++) {
    const by = y.scale * j + y.shift;
    for (let i = 0; i < side; i++) {
      const bx = x.scale * i + x.shift;
      if (bx < 0 || by < 0 || bx > side - 1 || by > side - 1 || !onImage(a, i, j) || !onImage(b, bx, by)) continue;
      const k = j * side + i;
      const v = sample(b, bx, by);
      aligned[k] = v;
      shared[k] = 1;
      ab += a.cells[k]! * v;
      bb += v * v;
      count++;
    }
  }
  if (count < MIN_OVERLAP * side * side) return 1;
  const gain = bb > 0 ? ab / bb : 1;
  let strongest = 0;
  for (let j = 0; j + WINDOW <= side; j++) {
    for (let i = 0; i + WINDOW <= side; i++) {
      let difference = 0;
      let ink = 0;
      let whole = true;
      for (let dj = 0; dj < WINDOW && whole; dj++) {
        for (let di = 0; di < WINDOW; di++) {
          const k = (j + dj) * side + i + di;
          if (!shared[k]) {
            whole = false;
            break;
          }
          const other = gain * aligned[k]!;
          difference += Math.abs(a.cells[k]! - other);
          ink += a.cells[k]! + other;
        }
      }
      if (whole) strongest = Math.max(strongest, difference / (ink + SPARSE_INK * WINDOW * WINDOW));
    }
  }
  return strongest;
}
