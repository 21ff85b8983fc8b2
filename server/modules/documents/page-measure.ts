/**
 * Measurements of one page from its greyscale image at the analysis scale (analyse-page.ts makes
 * it): where the ink is, how light the paper and how dark the strokes, how sharp, how skewed. A few
 * passes of plain arithmetic over typed arrays, under 10 ms for a 1000-pixel page once warm.
 *
 * Everything is relative to the paper where it can be: ink is what is clearly darker than the paper
 * around it, so uneven light, a dark exposure or a grey desk around the sheet are not ink, and the
 * sharpness is measured with the contrast stretched, so a dark but sharp page is not called blurred.
 */

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Side of the square blocks over which the paper's level is estimated and the sharpness measured. */
export const BLOCK = 32;
/** A pixel is ink when darker than this share of the paper's level around it... */
const INK_RATIO = 0.72;
/** ...and by at least this many levels, so noise on a dark page is not ink. */
const INK_MIN_CONTRAST = 12;
/** A block takes part in the sharpness when this share of it is ink. */
const BLOCK_MIN_INK = 0.01;
/** At or above this level a pixel is blown out (the sensor's or the encoder's white). */
const CLIPPED_LEVEL = 250;
/** The skew is found from at most this many ink pixels, an even sample of them. */
const SKEW_POINTS = 20_000;

/** The ink of a page: per block, the paper's level and the level below which a pixel is ink. */
export interface InkLayer {
  blocksWide: number;
  blocksHigh: number;
  paper: Float32Array;
  threshold: Float32Array;
}

export interface PageMeasurement {
  ink: InkLayer;
  /** Median of the blocks' paper levels, 0–255. */
  paperLuminance: number;
  /** 5th percentile of the ink pixels (the cores of the strokes), 0–255; the paper's level when there is no ink. */
  inkLuminance: number;
  /** Share of the pixels that are ink. */
  inkFraction: number;
  /** Share of the pixels at or above CLIPPED_LEVEL. */
  clippedFraction: number;
  sharpness: number;
  /** Degrees, positive when the page is turned clockwise. */
  skewDegrees: number;
  /** A sample of the ink pixels' coordinates. */
  points: { xs: Float32Array; ys: Float32Array };
}

function percentile(histogram: Uint32Array, offset: number, total: number, share: number): number {
  const target = total * share;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[offset + v]!;
    if (seen >= target) return v;
  }
  return 255;
}

function blockOfColumn(width: number): Int32Array {
  const lookup = new Int32Array(width);
  for (let x = 0; x < width; x++) lookup[x] = (x / BLOCK) | 0;
  return lookup;
}

/**
 * The paper's level per block: the 90th percentile of the block (on every other row and column;
 * text covers far less than a tenth of most blocks), then the brightest of each block and its
 * neighbours, so a block filled by a photograph or a heavy stroke takes the paper next to it.
 * Also counts how many pixels of the sample fall below the ink threshold, to size the point sample.
 */
function inkLayer(image: GrayImage, columns: Int32Array): { layer: InkLayer; inkEstimate: number } {
  const { data, width, height } = image;
  const blocksWide = Math.ceil(width / BLOCK);
  const blocksHigh = Math.ceil(height / BLOCK);
  const blocks = blocksWide * blocksHigh;
  const histograms = new Uint32Array(blocks * 256);
  const counts = new Uint32Array(blocks);
  for (let y = 0; y < height; y += 2) {
    const rowBlock = ((y / BLOCK) | 0) * blocksWide;
    const row = y * width;
    for (let x = 0; x < width; x += 2) {
      const b = rowBlock + columns[x]!;
      histograms[b * 256 + data[row + x]!]!++;
      counts[b]!++;
    }
  }
  const level = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) level[b] = percentile(histograms, b * 256, counts[b]!, 0.9);
  const paper = new Float32Array(blocks);
  const threshold = new Float32Array(blocks);
  let inkEstimate = 0;
  for (let by = 0; by < blocksHigh; by++) {
    for (let bx = 0; bx < blocksWide; bx++) {
      let brightest = 0;
      for (let ny = Math.max(0, by - 1); ny <= Math.min(blocksHigh - 1, by + 1); ny++) {
        for (let nx = Math.max(0, bx - 1); nx <= Math.min(blocksWide - 1, bx + 1); nx++)
          brightest = Math.max(brightest, level[ny * blocksWide + nx]!);
      }
      const b = by * blocksWide + bx;
      paper[b] = brightest;
      const t = Math.min(brightest * INK_RATIO, brightest - INK_MIN_CONTRAST + 1);
      threshold[b] = t;
      for (let v = 0; v < t; v++) inkEstimate += histograms[b * 256 + v]!;
    }
  }
  return { layer: { blocksWide, blocksHigh, paper, threshold }, inkEstimate: inkEstimate * 4 };
}

/**
 * Variance of the 4-neighbour Laplacian inside one block, skipping the image's outer pixels.
 * Returned unscaled; the caller stretches it by the page's contrast.
 */
function laplacianVariance(image: GrayImage, bx: number, by: number): number {
  const { data, width, height } = image;
  const x0 = Math.max(1, bx * BLOCK);
  const x1 = Math.min(width - 1, (bx + 1) * BLOCK);
  const y0 = Math.max(1, by * BLOCK);
  const y1 = Math.min(height - 1, (by + 1) * BLOCK);
  let sum = 0;
  let sumSq = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      const i = row + x;
      const laplacian = 4 * data[i]! - data[i - 1]! - data[i + 1]! - data[i - width]! - data[i + width]!;
      sum += laplacian;
      sumSq += laplacian * laplacian;
    }
  }
  const n = (x1 - x0) * (y1 - y0);
  return n > 0 ? sumSq / n - (sum / n) ** 2 : 0;
}

export function measurePage(image: GrayImage): PageMeasurement {
  const { data, width, height } = image;
  const columns = blockOfColumn(width);
  const { layer, inkEstimate } = inkLayer(image, columns);
  const { blocksWide, threshold } = layer;
  const blockInk = new Uint32Array(threshold.length);
  const inkHistogram = new Uint32Array(256);
  const stride = Math.max(1, Math.ceil(inkEstimate / SKEW_POINTS));
  // The estimate comes from a quarter of the pixels: room for it to be low by half.
  const capacity = Math.ceil((inkEstimate * 1.5) / stride) + 64;
  const xs = new Float32Array(capacity);
  const ys = new Float32Array(capacity);
  let kept = 0;
  let untilNext = 1;
  let inkCount = 0;
  let clipped = 0;
  for (let y = 0; y < height; y++) {
    const rowBlock = ((y / BLOCK) | 0) * blocksWide;
    const row = y * width;
    for (let bx = 0; bx < blocksWide; bx++) {
      const b = rowBlock + bx;
      const t = threshold[b]!;
      const end = Math.min(width, (bx + 1) * BLOCK);
      let inkHere = 0;
      for (let x = bx * BLOCK; x < end; x++) {
        const v = data[row + x]!;
        if (v >= CLIPPED_LEVEL) clipped++;
        else if (v < t) {
          inkHere++;
          inkHistogram[v]!++;
          if (--untilNext === 0) {
            untilNext = stride;
            if (kept < capacity) {
              xs[kept] = x;
              ys[kept] = y;
              kept++;
            }
          }
        }
      }
      blockInk[b]! += inkHere;
      inkCount += inkHere;
    }
  }
  const paperLevels = Float32Array.from(layer.paper).sort();
  const paperLuminance = paperLevels[paperLevels.length >> 1] ?? 0;
  const inkLuminance = inkCount > 0 ? percentile(inkHistogram, 0, inkCount, 0.05) : paperLuminance;
  const points = { xs: xs.subarray(0, kept), ys: ys.subarray(0, kept) };
  return {
    ink: layer,
    paperLuminance,
    inkLuminance,
    inkFraction: inkCount / (width * height),
    clippedFraction: clipped / (width * height),
    sharpness: sharpness(image, layer, blockInk, paperLuminance - inkLuminance),
    skewDegrees: skewAngle(image, points),
    points,
  };
}

/**
 * The variance of the 4-neighbour Laplacian with the page's contrast stretched to the full 0–255
 * range, in the blocks that hold ink; the upper quartile of those blocks, so a page of few lines is
 * judged on its lines and not on its empty paper. Noise adds to it, blur takes from it.
 */
function sharpness(image: GrayImage, layer: InkLayer, blockInk: Uint32Array, contrast: number): number {
  const gain = 255 / Math.max(contrast, 16);
  const variances: number[] = [];
  for (let by = 0; by < layer.blocksHigh; by++) {
    for (let bx = 0; bx < layer.blocksWide; bx++) {
      if (blockInk[by * layer.blocksWide + bx]! < BLOCK * BLOCK * BLOCK_MIN_INK) continue;
      variances.push(laplacianVariance(image, bx, by) * gain * gain);
    }
  }
  if (variances.length === 0) return 0;
  variances.sort((a, b) => a - b);
  return variances[Math.floor(variances.length * 0.75)]!;
}

const RADIANS_PER_DEGREE = Math.PI / 180;

/** How strongly the ink lines up in rows when the page is turned back by `degrees`: the sum of squared row counts. */
function alignment(points: { xs: Float32Array; ys: Float32Array }, degrees: number, rows: Int32Array, offset: number, step: number): number {
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
function skewAngle(image: GrayImage, points: { xs: Float32Array; ys: Float32Array }): number {
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
