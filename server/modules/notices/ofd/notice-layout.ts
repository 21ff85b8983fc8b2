import { caseInformationRows, decisionRows, DECISION_COLUMNS, QR_QUIET_MODULES, qrRuns } from '../notice-content.ts';
import type { NoticeFacts } from '../notice-facts.ts';
import { chineseDate } from '../notice-text.ts';
import {
  CLOSING_GAP,
  CLOSING_LATEST,
  CLOSING_USUAL,
  GREY,
  INK,
  LEFT,
  PAGE,
  QR_SIZE,
  RED,
  RIGHT,
  RULE,
  SEAL_SIZE,
  WIDTH,
} from '../render-notice-pdf.ts';
import { hexColor, type PageOp, type SealPlace } from './page-ops.ts';
import { fitted, paragraph, textLine, type TextStyle } from './text-layout.ts';

/**
 * The notice page by page, drawn as render-notice-pdf.ts draws the PDF (the same positions, sizes,
 * colours and order) so both files show one notice. The seal is not drawn here: it is the OFD
 * signature's appearance (StampAnnot), placed at `seal`.
 */
const red = hexColor(RED);
const ink = hexColor(INK);
const grey = hexColor(GREY);
const rule = hexColor(RULE);
const shade = hexColor('#f2f2f2');
const black = hexColor('#000000');

const style = (size: number, weight: TextStyle['weight'], color = ink, characterSpacing = 0): TextStyle => ({
  size,
  weight,
  color,
  characterSpacing,
});

function header(ops: PageOp[], facts: NoticeFacts): number {
  ops.push(textLine(facts.approvingUnit, LEFT, 58, style(24, 'bold', red, 3), { width: WIDTH, align: 'center' }));
  ops.push({ kind: 'line', x1: LEFT, y1: 100, x2: RIGHT, y2: 100, width: 2, color: red });
  ops.push({ kind: 'line', x1: LEFT, y1: 103.5, x2: RIGHT, y2: 103.5, width: 0.6, color: red });
  ops.push(textLine(`编号：${facts.caseNo}`, LEFT, 112, style(10.5, 'regular'), { width: WIDTH, align: 'right' }));
  ops.push(textLine('户政业务审批通知单', LEFT, 136, style(20, 'bold', ink, 2), { width: WIDTH, align: 'center' }));
  ops.push(textLine(`（${facts.subtypeName}）`, LEFT, 166, style(13, 'regular'), { width: WIDTH, align: 'center' }));
  return 204;
}

function body(ops: PageOp[], facts: NoticeFacts, top: number): number {
  ops.push(textLine(`${facts.applicantName}：`, LEFT, top, style(12, 'bold')));
  const text =
    `你于${chineseDate(facts.acceptedAt)}在${facts.acceptingUnit}申请办理的${facts.subtypeName}业务，` +
    `经审查，符合有关规定，${facts.approvingUnit}决定${facts.decision}。特此通知。`;
  const written = paragraph(text, LEFT, top + 24, style(12, 'regular'), { width: WIDTH, indent: 24, lineGap: 6 });
  ops.push(...written.ops);
  return written.bottom + 16;
}

function table(ops: PageOp[], top: number, widths: number[], rows: string[][], options: { labelColumn: boolean; headerRow: boolean }): number {
  const rowHeight = 21;
  let y = top;
  for (const [index, cells] of rows.entries()) {
    const shadedRow = options.headerRow && index === 0;
    let x = LEFT;
    for (const [column, cell] of cells.entries()) {
      const width = widths[column]!;
      const shaded = shadedRow || (options.labelColumn && column === 0);
      if (shaded) ops.push({ kind: 'rects', rects: [{ x, y, w: width, h: rowHeight }], fill: shade });
      ops.push({ kind: 'rects', rects: [{ x, y, w: width, h: rowHeight }], stroke: rule, lineWidth: 0.6 });
      const cellStyle = style(10.5, shaded ? 'bold' : 'regular');
      ops.push(textLine(fitted(cell, width - 12, cellStyle), x + 6, y + 4, cellStyle, { width: width - 12, align: shadedRow ? 'center' : 'left' }));
      x += width;
    }
    y += rowHeight;
  }
  return y;
}

function sectionTitle(ops: PageOp[], title: string, top: number): number {
  ops.push(textLine(title, LEFT, top, style(12, 'bold')));
  return top + 22;
}

function caseTable(ops: PageOp[], facts: NoticeFacts, top: number): number {
  const y = sectionTitle(ops, '一、业务信息', top);
  const rows = caseInformationRows(facts);
  return table(ops, y, [110, WIDTH - 110], rows, { labelColumn: true, headerRow: false });
}

function chainTable(ops: PageOp[], facts: NoticeFacts, top: number): number {
  const y = sectionTitle(ops, '二、审批流程', top);
  const rows = [[...DECISION_COLUMNS], ...decisionRows(facts)];
  return table(ops, y, [60, 150, WIDTH - 60 - 150 - 120, 120], rows, { labelColumn: false, headerRow: true });
}

function qrBlock(ops: PageOp[], facts: NoticeFacts, top: number) {
  const { size, runs } = qrRuns(facts.verificationUrl);
  const cell = QR_SIZE / (size + 2 * QR_QUIET_MODULES);
  const rects = runs.map((run) => ({
    x: LEFT + (QR_QUIET_MODULES + run.column) * cell,
    y: top + (QR_QUIET_MODULES + run.row) * cell,
    w: run.length * cell,
    h: cell,
  }));
  ops.push({ kind: 'rects', rects, fill: black });
  const textLeft = LEFT + QR_SIZE + 8;
  ops.push(textLine('验证码', textLeft, top + 8, style(9, 'regular', grey)));
  ops.push(textLine(facts.verificationCode, textLeft, top + 22, style(13, 'bold')));
  ops.push(
    ...paragraph('扫描二维码，或在核验页面输入验证码，可核验本通知单的真伪。', textLeft, top + 44, style(9, 'regular', grey), {
      width: 190,
      lineGap: 2,
    }).ops,
  );
}

/** The unit's name and the date under where the seal is pressed (GB/T 9704-2012 7.3.5.1), as in the PDF. */
function sealBlock(ops: PageOp[], facts: NoticeFacts, top: number, page: number): SealPlace {
  const centre = { x: RIGHT - 95, y: top + SEAL_SIZE / 2 };
  const blockWidth = 190;
  const left = centre.x - blockWidth / 2;
  ops.push(...paragraph(facts.approvingUnit, left, centre.y - 34, style(12, 'regular'), { width: blockWidth, align: 'center' }).ops);
  ops.push(textLine(chineseDate(facts.approvedAt), left, centre.y + 11, style(11, 'regular'), { width: blockWidth, align: 'center' }));
  return { page, x: centre.x - SEAL_SIZE / 2, y: centre.y - SEAL_SIZE / 2, size: SEAL_SIZE };
}

function footer(ops: PageOp[]) {
  const top = PAGE.height - 62;
  ops.push({ kind: 'line', x1: LEFT, y1: top, x2: RIGHT, y2: top, width: 0.5, color: rule });
  const text = '本通知单由户政业务电子档案系统生成，加盖电子印章并经数字签名，对电子文件的任何改动都会使签名失效。';
  ops.push(...paragraph(text, LEFT, top + 6, style(8.5, 'regular', grey), { width: WIDTH, align: 'center', lineGap: 2 }).ops);
}

export interface NoticeLayout {
  readonly pages: PageOp[][];
  readonly seal: SealPlace;
}

export function layOutNotice(facts: NoticeFacts): NoticeLayout {
  const pages: PageOp[][] = [[]];
  let ops = pages[0]!;
  let y = header(ops, facts);
  y = body(ops, facts, y);
  y = caseTable(ops, facts, y + 4);
  y = chainTable(ops, facts, y + 16);
  let closing = Math.max(y + CLOSING_GAP, CLOSING_USUAL);
  if (closing > CLOSING_LATEST) {
    footer(ops);
    ops = [];
    pages.push(ops);
    closing = 80;
  }
  qrBlock(ops, facts, closing + (SEAL_SIZE - QR_SIZE) / 2);
  const seal = sealBlock(ops, facts, closing, pages.length - 1);
  footer(ops);
  return { pages, seal };
}
