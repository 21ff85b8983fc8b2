import { skewAngle } from './skew.ts';

/**
 * Measurements of one page from its greyscale image at the analysis scale (analyse-page.ts makes
 * it): where the ink is, how light the paper and how dark the strokes, how sharp, how skewed. A few
 * passes of plain arithmetic over typed arrays, under 10 ms for a 1000-pixel page once warm.
 *
 * Everything is relative to the paper where it can be: ink is what is clearly darker than the paper
 * around it, so uneven light or a dark exposure are not ink, and the sharpness is measured with the
 * contrast stretched, so a dark but sharp page is not called blurred. A document camera sees the desk
 * around the sheet: only the sheet is measured (findSheet), so the desk's grain is neither ink nor
 * sharpness, and a copy framed otherwise is measured on the same paper.
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
/**
 * The sheet grows from block to neighbouring block while the light falls by less than this share
 * of a block's level: paper under uneven light changes by a few per cent from one 32-pixel block to
 * the next, while the edge of a sheet on a desk falls to half or less within a block or two.
 */
const SHEET_STEP = 0.8;
/** Blocks at least this share of the brightest blocks' level start a sheet. */
const SHEET_SEED = 0.9;

/** A rectangle of whole blocks: columns bx0 ≤ bx < bx1, rows by0 ≤ by < by1. */
export interface BlockRect {
  bx0: number;
  by0: number;
  bx1: number;
  by1: number;
}

/** The ink of a page: per block, the paper's level and the level below which a pixel is ink. */
export interface InkLayer {
  blocksWide: number;
  blocksHigh: number;
  paper: Float32Array;
  threshold: Float32Array;
  /** Where the sheet lies; nothing outside it is ink. The whole image for a scan. */
  sheet: BlockRect;
}

export interface PageMeasurement {
  ink: InkLayer;
  /** Median of the sheet's blocks' paper levels, 0–255. */
  paperLuminance: number;
  /** 5th percentile of the ink pixels (the cores of the strokes), 0–255; the paper's level when there is no ink. */
  inkLuminance: number;
  /** Share of the sheet's pixels that are ink. */
  inkFraction: number;
  /** Share of the sheet's pixels at or above CLIPPED_LEVEL. */
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
 * The sheet of paper among the blocks: the largest region of light blocks joined by gentle steps of
 * light (SHEET_STEP), grown from the blocks near the brightest level, as its bounding rectangle. A
 * scan, or a sheet on a white desk, is one region covering the image. A dark photograph or heavy
 * stroke inside the sheet is an island the region flows around, still inside the rectangle.
 */
export function findSheet(level: Float32Array, blocksWide: number, blocksHigh: number): BlockRect {
  const whole = { bx0: 0, by0: 0, bx1: blocksWide, by1: blocksHigh };
  const sorted = Float32Array.from(level).sort();
  const bright = sorted[Math.floor((sorted.length - 1) * 0.9)] ?? 0;
  const region = new Int32Array(level.length).fill(-1);
  const stack: number[] = [];
  let best: BlockRect = whole;
  let bestSize = 0;
  for (let seed = 0; seed < level.length; seed++) {
    if (region[seed] !== -1 || level[seed]! < bright * SHEET_SEED) continue;
    region[seed] = seed;
    stack.push(seed);
    const rect = { bx0: blocksWide, by0: blocksHigh, bx1: 0, by1: 0 };
    let size = 0;
    while (stack.length > 0) {
      const b = stack.pop()!;
      const bx = b % blocksWide;
      const by = (b / blocksWide) | 0;
      size++;
      rect.bx0 = Math.min(rect.bx0, bx);
      rect.by0 = Math.min(rect.by0, by);
      rect.bx1 = Math.max(rect.bx1, bx + 1);
      rect.by1 = Math.max(rect.by1, by + 1);
      const floor = level[b]! * SHEET_STEP;
      const visit = (n: number) => {
        if (region[n] === -1 && level[n]! >= floor) {
          region[n] = seed;
          stack.push(n);
        }
      };
      if (bx > 0) visit(b - 1);
      if (bx + 1 < blocksWide) visit(b + 1);
      if (by > 0) visit(b - blocksWide);
      if (by + 1 < blocksHigh) visit(b + blocksWide);
    }
    if (size > bestSize) [best, bestSize] = [rect, size];
  }
  return best;
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
  const sheet = findSheet(level, blocksWide, blocksHigh);
  const desk = deskLevel(level, blocksWide, sheet);
  const paper = new Float32Array(blocks);
  const threshold = new Float32Array(blocks);
  let inkEstimate = 0;
  for (let by = sheet.by0; by < sheet.by1; by++) {
    for (let bx = sheet.bx0; bx < sheet.bx1; bx++) {
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
  const layer = { blocksWide, blocksHigh, paper, threshold, sheet };
  if (desk !== null) paintDesk(image, layer, desk);
  return { layer, inkEstimate: inkEstimate * 4 };
}

/** The median level of the blocks outside the sheet; null when the sheet fills the image. */
function deskLevel(level: Float32Array, blocksWide: number, sheet: BlockRect): number | null {
  const outside: number[] = [];
  for (let b = 0; b < level.length; b++) {
    const bx = b % blocksWide;
    const by = (b / blocksWide) | 0;
    if (bx < sheet.bx0 || bx >= sheet.bx1 || by < sheet.by0 || by >= sheet.by1) outside.push(level[b]!);
  }
  if (outside.length === 0) return null;
  outside.sort((a, b) => a - b);
  return outside[outside.length >> 1]!;
}

/**
 * The blocks at the sheet's edge hold some desk, darker than their paper: it would be a frame of ink
 * around every photographed page. Paints it the paper's level: the pixels darker than halfway from
 * the desk to the paper that are joined to the rectangle's border through such pixels. Ink is not
 * joined to the border (a page has margins), so it stays. Changes the image it is given.
 */
function paintDesk(image: GrayImage, layer: InkLayer, desk: number): void {
  const { data, width, height } = image;
  const { sheet, paper, blocksWide } = layer;
  const x0 = sheet.bx0 * BLOCK;
  const x1 = Math.min(width, sheet.bx1 * BLOCK);
  const y0 = sheet.by0 * BLOCK;
  const y1 = Math.min(height, sheet.by1 * BLOCK);
  const paperOf = (i: number) => paper[((((i / width) | 0) / BLOCK) | 0) * blocksWide + (((i % width) / BLOCK) | 0)]!;
  const inside = sheetValues(layer, paper).sort();
  const mid = (desk + inside[inside.length >> 1]!) / 2;
  if (mid - desk < INK_MIN_CONTRAST) return;
  // Never below halfway, so a painted pixel is never taken again.
  const floor = Math.ceil(mid);
  const stack = new Int32Array((x1 - x0) * (y1 - y0));
  let top = 0;
  const take = (i: number) => {
    if (data[i]! < mid) {
      data[i] = Math.max(paperOf(i), floor);
      stack[top++] = i;
    }
  };
  for (let x = x0; x < x1; x++) {
    take(y0 * width + x);
    take((y1 - 1) * width + x);
  }
  for (let y = y0 + 1; y < y1 - 1; y++) {
    take(y * width + x0);
    take(y * width + x1 - 1);
  }
  while (top > 0) {
    const i = stack[--top]!;
    const x = i % width;
    const y = (i / width) | 0;
    if (x > x0) take(i - 1);
    if (x + 1 < x1) take(i + 1);
    if (y > y0) take(i - width);
    if (y + 1 < y1) take(i + width);
  }
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

/** A pixel's index mixed into 32 even-looking bits (the finaliser of MurmurHash3). */
function scatter(index: number): number {
  let h = Math.imul(index ^ (index >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The blocks' values inside the sheet. */
function sheetValues(layer: InkLayer, values: Float32Array): Float32Array {
  const { bx0, by0, bx1, by1 } = layer.sheet;
  const inside = new Float32Array((bx1 - bx0) * (by1 - by0));
  let k = 0;
  for (let by = by0; by < by1; by++) for (let bx = bx0; bx < bx1; bx++) inside[k++] = values[by * layer.blocksWide + bx]!;
  return inside;
}

export function measurePage(image: GrayImage): PageMeasurement {
  const { data, width, height } = image;
  const columns = blockOfColumn(width);
  const { layer, inkEstimate } = inkLayer(image, columns);
  const { blocksWide, threshold, sheet } = layer;
  const [x0, x1] = [sheet.bx0 * BLOCK, Math.min(width, sheet.bx1 * BLOCK)];
  const [y0, y1] = [sheet.by0 * BLOCK, Math.min(height, sheet.by1 * BLOCK)];
  const area = (x1 - x0) * (y1 - y0);
  const blockInk = new Uint32Array(threshold.length);
  const inkHistogram = new Uint32Array(256);
  const stride = Math.max(1, Math.ceil(inkEstimate / SKEW_POINTS));
  // Each ink pixel is kept with chance 1/stride, by a hash of its place: every stride-th pixel in
  // reading order would lay a lattice over a solid dark area (a photograph, a filled box), whose
  // diagonals the skew search then takes for lines of text.
  const keepBelow = Math.floor(0x1_0000_0000 / stride);
  // The estimate comes from a quarter of the pixels: room for it to be low by half.
  const capacity = Math.ceil((inkEstimate * 1.5) / stride) + 64;
  const xs = new Float32Array(capacity);
  const ys = new Float32Array(capacity);
  let kept = 0;
  let inkCount = 0;
  let clipped = 0;
  for (let y = y0; y < y1; y++) {
    const rowBlock = ((y / BLOCK) | 0) * blocksWide;
    const row = y * width;
    for (let bx = sheet.bx0; bx < sheet.bx1; bx++) {
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
          if (kept < capacity && scatter(row + x) < keepBelow) {
            xs[kept] = x;
            ys[kept] = y;
            kept++;
          }
        }
      }
      blockInk[b]! += inkHere;
      inkCount += inkHere;
    }
  }
  const paperLevels = sheetValues(layer, layer.paper).sort();
  const paperLuminance = paperLevels[paperLevels.length >> 1] ?? 0;
  const inkLuminance = inkCount > 0 ? percentile(inkHistogram, 0, inkCount, 0.05) : paperLuminance;
  const points = { xs: xs.subarray(0, kept), ys: ys.subarray(0, kept) };
  return {
    ink: layer,
    paperLuminance,
    inkLuminance,
    inkFraction: inkCount / area,
    clippedFraction: clipped / area,
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
