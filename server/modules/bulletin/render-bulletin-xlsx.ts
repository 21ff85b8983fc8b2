import ExcelJS from 'exceljs';
import { beijingMinute } from '../notices/notice-text.ts';
import { BULLETIN_COLUMNS, SCORE_NOTE, UNIT_KIND_NAMES } from './bulletin-columns.ts';
import { monthTitle } from './bulletin-month.ts';
import type { Bulletin } from './compute-bulletin.ts';

/** The header row's number on the sheet: a title and the period come above it. */
export const XLSX_HEADER_ROW = 4;

/**
 * The bulletin as one Excel sheet for whoever works the figures further: the title and period above,
 * Chinese headings, one row per unit with its code and level, counts as numbers, the in-time rate as a
 * fraction shown as a percentage, the score with one decimal, and how the score is made below.
 */
export async function renderBulletinXlsx(bulletin: Bulletin): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '户政业务电子档案系统';
  workbook.created = new Date(bulletin.generatedAt);
  const sheet = workbook.addWorksheet('月度通报', { views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 3 }] });
  const headings = ['单位代码', '单位', '层级', ...BULLETIN_COLUMNS.map((c) => c.title)];
  const lastColumn = headings.length;

  sheet.mergeCells(1, 1, 1, lastColumn);
  const title = sheet.getCell(1, 1);
  title.value = `户政业务电子档案月度通报 ${monthTitle(bulletin.month)}`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, lastColumn);
  sheet.getCell(2, 1).value =
    `通报范围：${bulletin.scope.name}    统计期间：${bulletin.month.month}（北京时间）${bulletin.complete ? '' : '，本月尚未结束'}` +
    `    生成时间：${beijingMinute(bulletin.generatedAt)}    生成人：${bulletin.readerName}`;

  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = headings;
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  bulletin.rows.forEach((row, index) => {
    const line = sheet.getRow(XLSX_HEADER_ROW + 1 + index);
    line.values = [row.unit.id, row.unit.name, UNIT_KIND_NAMES[row.unit.kind], ...BULLETIN_COLUMNS.map((column) => column.value(row))];
    if (row.unit.kind !== 'station') line.font = { bold: true };
    BULLETIN_COLUMNS.forEach((column, i) => {
      const cell = line.getCell(4 + i);
      if (column.kind === 'rate') cell.numFmt = '0.0%';
      if (column.kind === 'score') cell.numFmt = '0.0';
    });
  });

  const noteRow = XLSX_HEADER_ROW + bulletin.rows.length + 2;
  sheet.mergeCells(noteRow, 1, noteRow, lastColumn);
  const note = sheet.getCell(noteRow, 1);
  note.value = SCORE_NOTE;
  note.alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(noteRow).height = 48;

  sheet.getColumn(1).width = 15;
  sheet.getColumn(2).width = 20;
  sheet.getColumn(3).width = 8;
  for (let column = 4; column <= lastColumn; column++) sheet.getColumn(column).width = 10;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
