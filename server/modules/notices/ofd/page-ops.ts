import type { Weight } from './text-metrics.ts';

/**
 * What a notice page is drawn with, in PDF points from the page's top-left corner (the same numbers
 * as the PDF renderer uses); page-content.ts writes them as OFD objects in millimetres.
 */
export type Rgb = readonly [number, number, number];

export interface TextOp {
  readonly kind: 'text';
  /** Left edge of each character, in order. */
  readonly xs: readonly number[];
  /** Top of the line box; the baseline is ASCENT_EM × size below it. */
  readonly top: number;
  readonly size: number;
  readonly weight: Weight;
  readonly color: Rgb;
  readonly text: string;
}

export interface RectsOp {
  readonly kind: 'rects';
  readonly rects: readonly { x: number; y: number; w: number; h: number }[];
  readonly fill?: Rgb;
  readonly stroke?: Rgb;
  readonly lineWidth?: number;
}

export interface LineOp {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
  readonly color: Rgb;
}

export type PageOp = TextOp | RectsOp | LineOp;

/** Where the seal is pressed: its square's top-left corner and side, in points. */
export interface SealPlace {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

export const PT_TO_MM = 25.4 / 72;

export function hexColor(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}
