import type { Rgb, TextOp } from './page-ops.ts';
import { advanceEm, LINE_HEIGHT_EM, widthOf, type Weight } from './text-metrics.ts';

/**
 * Lines of text placed as pdfkit places them (render-notice-pdf.ts): left, centred or right within
 * a width, pdfkit's character spacing, an ellipsis for a cell that is too narrow, and paragraphs
 * wrapped between characters the way Chinese is set (no line starts with closing punctuation).
 */
export interface TextStyle {
  readonly size: number;
  readonly weight: Weight;
  readonly color: Rgb;
  readonly characterSpacing?: number;
}

export interface Box {
  readonly width?: number;
  readonly align?: 'left' | 'center' | 'right';
}

function positions(text: string, x: number, style: TextStyle): number[] {
  const xs: number[] = [];
  let at = x;
  for (const character of Array.from(text)) {
    xs.push(at);
    at += advanceEm(character, style.weight) * style.size + (style.characterSpacing ?? 0);
  }
  return xs;
}

export function textLine(text: string, x: number, top: number, style: TextStyle, box: Box = {}): TextOp {
  const width = widthOf(text, style.weight, style.size, style.characterSpacing);
  const room = box.width ?? width;
  const left = box.align === 'center' ? x + (room - width) / 2 : box.align === 'right' ? x + room - width : x;
  return { kind: 'text', xs: positions(text, left, style), top, size: style.size, weight: style.weight, color: style.color, text };
}

/** The text cut to fit the width, ending in an ellipsis when cut (pdfkit's `ellipsis: true`). */
export function fitted(text: string, width: number, style: TextStyle): string {
  if (widthOf(text, style.weight, style.size, style.characterSpacing) <= width) return text;
  const characters = Array.from(text);
  while (characters.length > 0 && widthOf(`${characters.join('')}…`, style.weight, style.size, style.characterSpacing) > width) characters.pop();
  return `${characters.join('')}…`;
}

const CLOSING = new Set(Array.from('，。、；：？！）》」』”’％…'));
const OPENING = new Set(Array.from('（《「『“‘'));

/** Units a line may not be broken inside: a Latin word or number, and punctuation kept with its neighbour. */
function breakUnits(text: string): string[] {
  const units: string[] = [];
  let pendingOpen = '';
  for (const piece of text.match(/[A-Za-z0-9@._:/-]+|./gu) ?? []) {
    if (OPENING.has(piece)) pendingOpen += piece;
    else if (CLOSING.has(piece) && units.length > 0) units[units.length - 1] += piece;
    else {
      units.push(pendingOpen + piece);
      pendingOpen = '';
    }
  }
  if (pendingOpen) units.push(pendingOpen);
  return units;
}

export interface Paragraph {
  readonly ops: TextOp[];
  /** Where pdfkit's cursor (doc.y) is after the paragraph. */
  readonly bottom: number;
}

/** A wrapped paragraph: the first line indented, `lineGap` between lines, as pdfkit's text() with width. */
export function paragraph(
  text: string,
  x: number,
  top: number,
  style: TextStyle,
  layout: { width: number; indent?: number; lineGap?: number; align?: Box['align'] },
): Paragraph {
  const lineHeight = LINE_HEIGHT_EM * style.size + (layout.lineGap ?? 0);
  const lines: string[] = [];
  let current = '';
  for (const unit of breakUnits(text)) {
    const room = layout.width - (lines.length === 0 ? (layout.indent ?? 0) : 0);
    if (current && widthOf(current + unit, style.weight, style.size, style.characterSpacing) > room) {
      lines.push(current);
      current = unit;
    } else current += unit;
  }
  if (current) lines.push(current);
  const ops = lines.map((line, i) => {
    const indent = i === 0 ? (layout.indent ?? 0) : 0;
    return textLine(line, x + indent, top + i * lineHeight, style, { width: layout.width - indent, align: layout.align });
  });
  return { ops, bottom: top + lines.length * lineHeight };
}
