import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { accumulateInk, hasInkToCompare, type InkFrame, inkFrame } from './ink-grid.ts';
import type { GrayImage, PageMeasurement } from './page-measure.ts';

/**
 * The page's fine ink map: what the second stage of reuse detection compares (ink-map-compare.ts)
 * once the hash index has proposed a candidate. The perceptual hash sees where things are on the
 * page to about a thirtieth of it, which is the printed form's layout; telling one filled-in form
 * from another needs the written characters, so the map is MAP_SIDE × MAP_SIDE cells over the same
 * ink frame as the hash (skew turned back, framed by the 1st to 99th percentile of the ink): about
 * 1.8 × 2.5 mm cells on an A4 form, half a character of its 4 mm text.
 *
 * - A cell holds the share of its area covered by ink, a pixel counting by how much darker than
 *   INK_START of the paper around it (page-measure.ts) it is, linearly: averaging pixels (a copy
 *   rescaled or slightly out of focus) keeps a cell's ink, and tinted grounds lighter than
 *   INK_START (a photograph's backdrop, an ID card's guilloche) are not ink, so how a copy shifts
 *   their grey does not count.
 * - The frame is kept with the map (origin, scales, turn, image size) so a comparison knows where
 *   each image ends: a crop that cut into the content is compared on what both images still show.
 * - Stored as a short header and the cells at 64 levels, deflated: about 2–2.5 KB for a form,
 *   2.5–3.5 KB as the base64 text in the database; comparing needs no image.
 */

export const MAP_SIDE = 96;
/** A pixel darker than this share of the paper's level around it is ink. */
const INK_START = 0.7;
const FORMAT_VERSION = 1;
/** A cell is stored as one of 64 levels: a step of 1.6 % coverage, far below what tells pages apart, and deflate does well on it. */
const LEVELS = 63;
const HEADER_BYTES = 4 + 8 * 4;

/** The frame (ink-grid.ts) takes grid coordinates back to the image: u = gx / uScale + u0 along the turned lines, v likewise. */
export interface InkMap extends InkFrame {
  side: number;
  /** Ink coverage per cell, 0–1, row by row. */
  cells: Float32Array;
  /** The analysed image's size, pixels. */
  width: number;
  height: number;
}

/** The page's ink map, or null when it holds too little ink to compare (as for the hash). */
export function inkMap(image: GrayImage, measurement: PageMeasurement): InkMap | null {
  if (!hasInkToCompare(measurement)) return null;
  const side = MAP_SIDE;
  const frame = inkFrame(measurement, side);
  const grid = accumulateInk(image, measurement, frame, side, INK_START, 0);
  // Ink per pixel of the cell's area: the same for the page captured at any resolution.
  const area = frame.uScale * frame.vScale;
  const cells = Float32Array.from(grid, (value) => Math.min(1, value * area));
  return { ...frame, side, cells, width: image.width, height: image.height };
}

/** The map as stored: version, side, the frame as 32-bit floats, then the cells at LEVELS + 1 levels, deflated; base64. */
export function encodeInkMap(map: InkMap): string {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(FORMAT_VERSION, 0);
  header.writeUInt8(map.side, 1);
  [map.u0, map.v0, map.uScale, map.vScale, map.sin, map.cos, map.width, map.height].forEach((value, k) => header.writeFloatLE(value, 4 + k * 4));
  const cells = Buffer.alloc(map.cells.length);
  for (let i = 0; i < cells.length; i++) cells[i] = Math.round(Math.min(1, Math.max(0, map.cells[i]!)) * LEVELS);
  return Buffer.concat([header, deflateRawSync(cells, { level: 9 })]).toString('base64');
}

export function decodeInkMap(stored: string): InkMap {
  const bytes = Buffer.from(stored, 'base64');
  if (bytes.length < HEADER_BYTES || bytes.readUInt8(0) !== FORMAT_VERSION) throw new Error('not an ink map of a known version');
  const side = bytes.readUInt8(1);
  const [u0, v0, uScale, vScale, sin, cos, width, height] = Array.from({ length: 8 }, (_, k) => bytes.readFloatLE(4 + k * 4)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const raw = inflateRawSync(bytes.subarray(HEADER_BYTES));
  if (raw.length !== side * side) throw new Error('an ink map of the wrong size');
  const cells = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) cells[i] = raw[i]! / LEVELS;
  return { side, cells, u0, v0, uScale, vScale, sin, cos, width, height };
}
