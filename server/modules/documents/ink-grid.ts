import { BLOCK, type GrayImage, type PageMeasurement } from './page-measure.ts';

/** Below this share of ink a page has nothing to compare: no hash, no ink map, never "the same image". */
export const HASH_MIN_INK_FRACTION = 0.001;

/** Whether a page holds enough ink, in enough places, to be compared with others at all. */
export function hasInkToCompare(measurement: PageMeasurement): boolean {
  return measurement.inkFraction >= HASH_MIN_INK_FRACTION && measurement.points.xs.length >= 50;
}

/**
 * Where a grid lies on the page: turned back by the measured skew (u along the lines, v across them)
 * and framed by the ink itself, the 1st to 99th percentile along each axis, so a rotation of a degree
 * or two, a crop of the margins or a rescale leave the frame where it was. Grid coordinates are
 * gx = (u − u0) · uScale, gy = (v − v0) · vScale.
 */
export interface InkFrame {
  u0: number;
  v0: number;
  uScale: number;
  vScale: number;
  sin: number;
  cos: number;
}

export function inkFrame(measurement: PageMeasurement, side: number): InkFrame {
  const angle = (-measurement.skewDegrees * Math.PI) / 180;
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  const { xs, ys } = measurement.points;
  const us = new Float32Array(xs.length);
  const vs = new Float32Array(xs.length);
  for (let k = 0; k < xs.length; k++) {
    us[k] = xs[k]! * cos - ys[k]! * sin;
    vs[k] = xs[k]! * sin + ys[k]! * cos;
  }
  us.sort();
  vs.sort();
  const at = (sorted: Float32Array, share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
  const u0 = at(us, 0.01);
  const v0 = at(vs, 0.01);
  return { u0, v0, uScale: side / Math.max(1, at(us, 0.99) - u0), vScale: side / Math.max(1, at(vs, 0.99) - v0), sin, cos };
}

/**
 * The sheet's ink accumulated onto a side × side grid in the frame, each pixel spread over its four
 * nearest cells with bilinear weights. A pixel weighs 0 at `startShare` of the paper's level around it
 * (page-measure.ts) and rises linearly to 1 at `fullShare`: no step, so a copy a little lighter moves
 * the grid a little, never across a threshold at once.
 */
export function accumulateInk(
  image: GrayImage,
  measurement: PageMeasurement,
  frame: InkFrame,
  side: number,
  startShare: number,
  fullShare: number,
): Float64Array {
  const { data, width, height } = image;
  const { ink } = measurement;
  const { u0, v0, uScale, vScale, sin, cos } = frame;
  const grid = new Float64Array(side * side);
  // Grid coordinates advance by a constant step along a row: (cos, sin) scaled.
  const stepX = cos * uScale;
  const stepY = sin * vScale;
  const ramp = 1 / (startShare - fullShare);
  const { sheet } = ink;
  for (let y = sheet.by0 * BLOCK; y < Math.min(height, sheet.by1 * BLOCK); y++) {
    const rowBlock = ((y / BLOCK) | 0) * ink.blocksWide;
    const row = y * width;
    const fx0 = (-y * sin - u0) * uScale - 0.5;
    const fy0 = (y * cos - v0) * vScale - 0.5;
    for (let bx = sheet.bx0; bx < sheet.bx1; bx++) {
      const paper = ink.paper[rowBlock + bx]!;
      const start = paper * startShare;
      const end = Math.min(width, (bx + 1) * BLOCK);
      for (let x = bx * BLOCK; x < end; x++) {
        const v = data[row + x]!;
        if (v >= start) continue;
        const w = Math.min(1, ((start - v) / paper) * ramp);
        const fx = fx0 + x * stepX;
        const fy = fy0 + x * stepY;
        const gx = Math.floor(fx);
        const gy = Math.floor(fy);
        if (gx < -1 || gx >= side || gy < -1 || gy >= side) continue;
        const ax = fx - gx;
        const ay = fy - gy;
        const i = gy * side + gx;
        const left = gx >= 0;
        const right = gx + 1 < side;
        if (gy >= 0) {
          if (left) grid[i]! += w * (1 - ax) * (1 - ay);
          if (right) grid[i + 1]! += w * ax * (1 - ay);
        }
        if (gy + 1 < side) {
          if (left) grid[i + side]! += w * (1 - ax) * ay;
          if (right) grid[i + side + 1]! += w * ax * ay;
        }
      }
    }
  }
  return grid;
}
