import PDFDocument from 'pdfkit';
import { chineseDate, beijingMinute } from '../notices/notice-text.ts';
import { pdfkitOutput } from '../../pdf/pdfkit-output.ts';
import { BULLETIN_COLUMNS, cellText, SCORE_NOTE } from './bulletin-columns.ts';
import { monthTitle } from './bulletin-month.ts';
import type { Bulletin } from './compute-bulletin.ts';
import type { BulletinRow } from './bulletin-report.ts';

/**
 * The bulletin as an A4 landscape PDF in the manner of a bureau's circular: the issuing unit in red
 * over a double red rule, the title and month, scope and period, one ruled table with a row per unit
 * (branches and the city as shaded subtotals, stations indented under them), how the score is made,
 * and on every page when, by whom and for which unit it was generated, with page numbers. Set in the
 * notice's Noto Sans SC (subset by pdfkit), so the Chinese reads the same everywhere.
 */

const MM = 72 / 25.4;
const PAGE = { width: 841.89, height: 595.28 };
const LEFT = 15 * MM;
const RIGHT = PAGE.width - 15 * MM;
const WIDTH = RIGHT - LEFT;
const BOTTOM = PAGE.height - 18 * MM;
const RED = '#c8161d';
const INK = '#111111';
const GREY = '#555555';
const RULE = '#7a7a7a';
const SUBTOTAL = '#f3f3f3';
const HEADER_FILL = '#e6e6e6';
const ROW = 19;
const HEADER_ROW = 24;
const UNIT_WIDTH = 132;
const FIGURE_WIDTH = (WIDTH - UNIT_WIDTH) / BULLETIN_COLUMNS.length;
const LOW_SCORE = 60;

type Doc = PDFKit.PDFDocument;

function rule(doc: Doc, y: number, width: number, color: string) {
  doc.save().lineWidth(width).strokeColor(color).moveTo(LEFT, y).lineTo(RIGHT, y).stroke().restore();
}

function masthead(doc: Doc, bulletin: Bulletin): number {
  doc.font('bold').fontSize(22).fillColor(RED).text(bulletin.scope.name, LEFT, 34, { width: WIDTH, align: 'center', characterSpacing: 4 });
  rule(doc, 70, 2, RED);
  rule(doc, 73.5, 0.6, RED);
  doc.font('bold').fontSize(19).fillColor(INK).text('户政业务电子档案月度通报', LEFT, 86, { width: WIDTH, align: 'center', characterSpacing: 2 });
  doc
    .font('regular')
    .fontSize(12)
    .text(`（${monthTitle(bulletin.month)}）`, LEFT, 114, { width: WIDTH, align: 'center' });
  const lastDay = chineseDate(new Date(Date.parse(bulletin.month.to) - 1).toISOString());
  const period = `统计期间：${chineseDate(bulletin.month.from)}至${lastDay}（北京时间）`;
  doc.font('regular').fontSize(10).fillColor(GREY);
  doc.text(`通报范围：${bulletin.scope.name}${bulletin.rows.length > 1 ? '及所属单位' : ''}`, LEFT, 140, { width: WIDTH / 3 });
  doc.text(period, LEFT + WIDTH / 3, 140, { width: (WIDTH * 2) / 3, align: 'right' });
  if (bulletin.complete) return 158;
  doc.fillColor(RED).text(`本月尚未结束，数据截至${chineseMinute(bulletin.generatedAt)}`, LEFT, 154, { width: WIDTH, align: 'right' });
  return 172;
}

/** 2026年11月11日 15:00 in Beijing time. */
function chineseMinute(instant: string): string {
  return `${chineseDate(instant)} ${beijingMinute(instant).slice(11)}`;
}

function cell(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  height: number,
  options: { bold?: boolean; align?: 'left' | 'center' | 'right'; color?: string; indent?: number } = {},
) {
  doc.save().lineWidth(0.5).strokeColor(RULE).rect(x, y, width, height).stroke().restore();
  const size = 9.5;
  doc
    .font(options.bold ? 'bold' : 'regular')
    .fontSize(size)
    .fillColor(options.color ?? INK)
    .text(text, x + 4 + (options.indent ?? 0), y + (height - size * 1.3) / 2, {
      width: width - 8 - (options.indent ?? 0),
      lineBreak: false,
      ellipsis: true,
      align: options.align ?? 'center',
    });
}

function headerRow(doc: Doc, y: number): number {
  doc.save().rect(LEFT, y, WIDTH, HEADER_ROW).fill(HEADER_FILL).restore();
  cell(doc, '单位', LEFT, y, UNIT_WIDTH, HEADER_ROW, { bold: true });
  BULLETIN_COLUMNS.forEach((column, i) => cell(doc, column.title, LEFT + UNIT_WIDTH + i * FIGURE_WIDTH, y, FIGURE_WIDTH, HEADER_ROW, { bold: true }));
  return y + HEADER_ROW;
}

function unitRow(doc: Doc, row: BulletinRow, y: number): number {
  const subtotal = row.unit.kind !== 'station';
  if (subtotal) doc.save().rect(LEFT, y, WIDTH, ROW).fill(SUBTOTAL).restore();
  const name = row.unit.kind === 'station' ? row.unit.name : `${row.unit.name}（合计）`;
  cell(doc, name, LEFT, y, UNIT_WIDTH, ROW, {
    bold: subtotal,
    align: 'left',
    indent: row.unit.kind === 'station' ? 10 : row.unit.kind === 'branch' ? 4 : 0,
  });
  BULLETIN_COLUMNS.forEach((column, i) => {
    const low = column.kind === 'score' && row.score !== null && row.score < LOW_SCORE;
    cell(doc, cellText(column, row), LEFT + UNIT_WIDTH + i * FIGURE_WIDTH, y, FIGURE_WIDTH, ROW, {
      bold: subtotal || column.kind === 'score',
      align: 'right',
      color: low ? RED : INK,
    });
  });
  return y + ROW;
}

function notes(doc: Doc, y: number): number {
  const lines = [
    '说明：1. 受理、办结为本月受理、办结的业务件数（历史档案采集不计）；应采集为本月受理且采集时限已到的件数，按时采集为其中在时限内已有影像的件数。',
    '2. 不合规为本月发生的未上传、档案不齐全预警数；补录、超期上传为本月有补录、超期上传影像的业务件数；审批超期为本单位层级本月发生的审批超期预警数。',
    '3. 被抽查、抽查问题为本单位业务本月被抽查及发现问题的件数；开展抽查为本单位本月作为抽查单位完成的抽查件数。',
    `4. ${SCORE_NOTE}`,
  ];
  doc.font('regular').fontSize(8.5).fillColor(GREY);
  let at = y;
  for (const line of lines) {
    const height = doc.heightOfString(line, { width: WIDTH, lineGap: 2 });
    if (at + height > BOTTOM) {
      doc.addPage();
      at = 40;
      doc.font('regular').fontSize(8.5).fillColor(GREY);
    }
    doc.text(line, LEFT, at, { width: WIDTH, lineGap: 2 });
    at += height + 3;
  }
  return at;
}

function footers(doc: Doc, bulletin: Bulletin) {
  const range = doc.bufferedPageRange();
  const generated = `生成时间：${chineseMinute(bulletin.generatedAt)}（北京时间）    生成单位：${bulletin.scope.name}    生成人：${bulletin.readerName}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    rule(doc, BOTTOM + 10, 0.5, RULE);
    doc.font('regular').fontSize(8.5).fillColor(GREY);
    doc.text(generated, LEFT, BOTTOM + 15, { width: WIDTH * 0.8, lineBreak: false });
    doc.text(`第 ${i + 1} 页 共 ${range.count} 页`, LEFT, BOTTOM + 15, { width: WIDTH, align: 'right', lineBreak: false });
  }
}

export async function renderBulletinPdf(bulletin: Bulletin): Promise<Buffer> {
  const title = `户政业务电子档案月度通报 ${monthTitle(bulletin.month)}`;
  const generatedAt = new Date(bulletin.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Author: bulletin.scope.name, Creator: '户政业务电子档案系统', CreationDate: generatedAt, ModDate: generatedAt },
  });
  const done = pdfkitOutput(doc);
  let y = headerRow(doc, masthead(doc, bulletin));
  for (const row of bulletin.rows) {
    if (y + ROW > BOTTOM) {
      doc.addPage();
      y = headerRow(doc, 40);
    }
    y = unitRow(doc, row, y);
  }
  notes(doc, y + 10);
  footers(doc, bulletin);
  doc.end();
  return done;
}
