import { element, num, text, xmlFile } from './ofd-xml-writer.ts';
import { PT_TO_MM, type LineOp, type PageOp, type RectsOp, type Rgb, type TextOp } from './page-ops.ts';
import { advanceEm, ASCENT_EM, LINE_HEIGHT_EM } from './text-metrics.ts';

/**
 * A page's Content.xml (GB/T 33190-2016 §9, §11, §12): one layer of text and path objects in
 * millimetres. Each character's position is given (TextCode X and DeltaX), so the text stands
 * where the PDF has it whatever face the reader substitutes.
 */
export interface ContentIds {
  /** The next object ID; IDs are unique in the document and also give ofd.js its stacking order. */
  next(): number;
}

export interface FontIds {
  regular: number;
  bold: number;
}

const mm = (points: number) => points * PT_TO_MM;
const color = (rgb: Rgb) => rgb.join(' ');

function textObject(op: TextOp, ids: ContentIds, fonts: FontIds): string {
  const characters = Array.from(op.text);
  const size = mm(op.size);
  const left = mm(op.xs[0] ?? 0);
  const last = characters.length - 1;
  const right = mm((op.xs[last] ?? 0) + advanceEm(characters[last] ?? '', op.weight) * op.size);
  const baseline = ASCENT_EM * size;
  // Spaces are not drawn; each run of visible characters is a TextCode of its own, placed by its first character.
  const codes: string[] = [];
  let start = 0;
  while (start < characters.length) {
    if (characters[start]!.trim() === '') {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < characters.length && characters[end + 1]!.trim() !== '') end++;
    const deltas = [];
    for (let i = start + 1; i <= end; i++) deltas.push(num(mm(op.xs[i]! - op.xs[i - 1]!)));
    codes.push(
      element(
        'TextCode',
        { X: mm(op.xs[start]!) - left, Y: baseline, DeltaX: deltas.length > 0 ? deltas.join(' ') : undefined },
        text(characters.slice(start, end + 1).join('')),
      ),
    );
    start = end + 1;
  }
  return element(
    'TextObject',
    {
      ID: ids.next(),
      Boundary: `${num(left)} ${num(mm(op.top))} ${num(right - left)} ${num(LINE_HEIGHT_EM * size)}`,
      Font: op.weight === 'bold' ? fonts.bold : fonts.regular,
      Size: size,
      Weight: op.weight === 'bold' ? 700 : undefined,
    },
    [element('FillColor', { Value: color(op.color) }), ...codes],
  );
}

function pathObject(
  ids: ContentIds,
  box: { x: number; y: number; w: number; h: number },
  style: Record<string, string | number>,
  colors: string[],
  data: string,
) {
  return element('PathObject', { ID: ids.next(), Boundary: `${num(box.x)} ${num(box.y)} ${num(box.w)} ${num(box.h)}`, ...style }, [
    ...colors,
    element('AbbreviatedData', {}, data),
  ]);
}

function rectsObject(op: RectsOp, ids: ContentIds): string {
  const margin = op.stroke ? mm(op.lineWidth ?? 1) / 2 : 0;
  const x0 = Math.min(...op.rects.map((r) => mm(r.x))) - margin;
  const y0 = Math.min(...op.rects.map((r) => mm(r.y))) - margin;
  const x1 = Math.max(...op.rects.map((r) => mm(r.x + r.w))) + margin;
  const y1 = Math.max(...op.rects.map((r) => mm(r.y + r.h))) + margin;
  const data = op.rects
    .map((r) => {
      const [x, y, w, h] = [mm(r.x) - x0, mm(r.y) - y0, mm(r.w), mm(r.h)];
      return `M ${num(x)} ${num(y)} L ${num(x + w)} ${num(y)} L ${num(x + w)} ${num(y + h)} L ${num(x)} ${num(y + h)} C`;
    })
    .join(' ');
  const box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  if (op.fill) return pathObject(ids, box, { Stroke: 'false', Fill: 'true' }, [element('FillColor', { Value: color(op.fill) })], data);
  return pathObject(ids, box, { LineWidth: num(mm(op.lineWidth ?? 1)) }, [element('StrokeColor', { Value: color(op.stroke ?? [0, 0, 0]) })], data);
}

function lineObject(op: LineOp, ids: ContentIds): string {
  const half = mm(op.width) / 2;
  const x0 = mm(Math.min(op.x1, op.x2)) - half;
  const y0 = mm(Math.min(op.y1, op.y2)) - half;
  const box = { x: x0, y: y0, w: mm(Math.abs(op.x2 - op.x1)) + 2 * half, h: mm(Math.abs(op.y2 - op.y1)) + 2 * half };
  const data = `M ${num(mm(op.x1) - x0)} ${num(mm(op.y1) - y0)} L ${num(mm(op.x2) - x0)} ${num(mm(op.y2) - y0)}`;
  return pathObject(ids, box, { LineWidth: num(mm(op.width)) }, [element('StrokeColor', { Value: color(op.color) })], data);
}

export function pageContentXml(ops: readonly PageOp[], ids: ContentIds, fonts: FontIds): Uint8Array {
  const objects = ops.map((op) =>
    op.kind === 'text' ? textObject(op, ids, fonts) : op.kind === 'rects' ? rectsObject(op, ids) : lineObject(op, ids),
  );
  return xmlFile('Page', {}, [element('Content', {}, [element('Layer', { ID: ids.next() }, objects)])]);
}
