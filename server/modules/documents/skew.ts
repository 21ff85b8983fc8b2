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
 * The angle of the text lines: the rotation within ±15° that makes the ink's row profile the most
 * peaked (lines of text and ruled lines then fall into few rows), found in whole degrees, then
 * refined to a tenth of a degree around the best (the whole degrees on a third of the points).
 */
export function skewAngle(image: GrayImage, points: InkPoints): number {
  if (points.xs.length < 200) return 0;
  const diagonal = Math.ceil(Math.hypot(image.width, image.height));
  const rows = new Int32Array(2 * diagonal + 2);
  const offset = diagonal + 0.5;
  let best = 0;
  let bestScore = -1;
  for (let degrees = -15; degrees <= 15; degrees++) {
    const score = alignment(points, degrees, rows, offset, 3);
    if (score > bestScore) [best, bestScore] = [degrees, score];
  }
  const coarse = best;
  bestScore = alignment(points, coarse, rows, offset, 1);
  for (let tenth = -9; tenth <= 9; tenth++) {
    if (tenth === 0) continue;
    const degrees = coarse + tenth / 10;
    const score = alignment(points, degrees, rows, offset, 1);
    if (score > bestScore) [best, bestScore] = [degrees, score];
  }
  return Math.round(best * 10) / 10;
}
