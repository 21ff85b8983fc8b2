import type { GrayImage } from './page-measure.ts';

/** A sample of a page's ink pixels' coordinates (page-measure.ts). */
export interface InkPoints {
  xs: Float32Array;
  ys: Float32Array;
}

const RADIANS_PER_DEGREE = Math.PI / 180;

/** How strongly the ink lines up in rows when the page is turned back by `degrees`: the sum of squared row counts. */
function alignment(points: InkPoints, degrees: number, rows: Int32Array, offset: number, step: number): number {
  const sin = Math.sin(degrees * RADIANS_PER_DEGREE);
  const cos = Math.cos(degrees * RADIANS_PER_DEGREE);
  rows.fill(0);
  const { xs, ys } = points;
  for (let k = 0; k < xs.length; k += step) rows[(ys[k]! * cos - xs[k]! * sin + offset) | 0]!++;
  let score = 0;
  for (let r = 0; r < rows.length; r++) score += rows[r]! * rows[r]!;
  return score;
}

/**
 * The share of the inked span's rows that hold almost no ink: the gaps between lines of text. Lines
 * of text leave such gaps across the page and hardly any down it; a solid dark area (a photograph,
 * a filled box) fills its rows whichever way it is turned, so it cannot tip the choice.
 */
function gapShare(rows: Int32Array): number {
  let first = 0;
  let last = rows.length - 1;
  while (first < last && rows[first] === 0) first++;
  while (last > first && rows[last] === 0) last--;
  let peak = 0;
  for (let r = first; r <= last; r++) peak = Math.max(peak, rows[r]!);
  const quiet = peak * 0.02;
  let gaps = 0;
  for (let r = first; r <= last; r++) if (rows[r]! <= quiet) gaps++;
  return gaps / (last - first + 1);
}

/** The whole degree within ±15° of `around` that makes the row profile the most peaked (on a third of the points), and its gaps. */
function coarseTurn(points: InkPoints, around: number, rows: Int32Array, offset: number): { degrees: number; gaps: number } {
  let best = around;
  let bestScore = -1;
  for (let degrees = around - 15; degrees <= around + 15; degrees++) {
    const score = alignment(points, degrees, rows, offset, 3);
    if (score > bestScore) [best, bestScore] = [degrees, score];
  }
  alignment(points, best, rows, offset, 3);
  return { degrees: best, gaps: gapShare(rows) };
}

/**
 * The angle of the text lines, within ±15° of upright or of a quarter turn (a sheet photographed
 * lying sideways): first the whole degree around each that makes the ink's row profile the most
 * peaked (lines of text and ruled lines then fall into few rows); the quarter is the one whose
 * profile has the more gaps between lines; then its angle refined to a tenth of a degree. The
 * angle returned is the turn within that quarter, so a sideways sheet lying straight reads 0°.
 */
export function skewAngle(image: GrayImage, points: InkPoints): number {
  if (points.xs.length < 200) return 0;
  const diagonal = Math.ceil(Math.hypot(image.width, image.height));
  const rows = new Int32Array(2 * diagonal + 2);
  const offset = diagonal + 0.5;
  const across = coarseTurn(points, 0, rows, offset);
  const down = coarseTurn(points, 90, rows, offset);
  const { degrees: coarse } = down.gaps > across.gaps ? down : across;
  let best = coarse;
  let bestScore = alignment(points, coarse, rows, offset, 1);
  for (let tenth = -9; tenth <= 9; tenth++) {
    if (tenth === 0) continue;
    const degrees = coarse + tenth / 10;
    const score = alignment(points, degrees, rows, offset, 1);
    if (score > bestScore) [best, bestScore] = [degrees, score];
  }
  const quarter = coarse - (down.gaps > across.gaps ? 90 : 0);
  return Math.round((best - coarse + quarter) * 10) / 10 + 0;
}
