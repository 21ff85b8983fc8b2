import PDFDocument from 'pdfkit';
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { caseInformationRows, decisionRows, DECISION_COLUMNS, QR_QUIET_MODULES, qrRuns } from './notice-content.ts';
import type { NoticeFacts } from './notice-facts.ts';
import { pdfkitOutput } from '../../pdf/pdfkit-output.ts';
import { chineseDate } from './notice-text.ts';

/**
 * The notice as an A4 PDF in the manner of a public security bureau's notice: the issuing unit's
 * name in red over a red rule, title and sub-type, the decision addressed to the applicant, the case
 * in a table (ID number masked), the chain of decisions, the unit's red seal over its name and the
 * date, and the verification code with its QR code. Text is set in Noto Sans SC, shipped in npm and
 * subset by pdfkit, so it reads the same on every machine. The PAdES placeholder is added here, the
 * signature itself by sign-notice-pdf.ts.
 */

// The page's geometry and colours, in points; the OFD notice (ofd/notice-layout.ts) is laid out with the same.
const MM = 72 / 25.4;
export const PAGE = { width: 595.28, height: 841.89 };
export const LEFT = 25 * MM;
export const RIGHT = PAGE.width - 25 * MM;
export const WIDTH = RIGHT - LEFT;
export const RED = '#d7141a';
export const INK = '#111111';
export const GREY = '#555555';
export const RULE = '#888888';
export const SEAL_SIZE = 42 * MM;
export const QR_SIZE = 28 * MM;
/** The signature's room in the file: a PKCS#7 with two RSA-2048 certificates needs about 2.5 KB. */
export const SIGNATURE_ROOM = 6144;

type Doc = PDFKit.PDFDocument;

function line(doc: Doc, x1: number, y1: number, x2: number, y2: number, width: number, color: string) {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
}

function header(doc: Doc, facts: NoticeFacts): number {
  doc.font('bold').fontSize(24).fillColor(RED).text(facts.approvingUnit, LEFT, 58, { width: WIDTH, align: 'center', characterSpacing: 3 });
  line(doc, LEFT, 100, RIGHT, 100, 2, RED);
  line(doc, LEFT, 103.5, RIGHT, 103.5, 0.6, RED);
  doc.font('regular').fontSize(10.5).fillColor(INK).text(`编号：${facts.caseNo}`, LEFT, 112, { width: WIDTH, align: 'right' });
  doc.font('bold').fontSize(20).text('户政业务审批通知单', LEFT, 136, { width: WIDTH, align: 'center', characterSpacing: 2 });
  doc.font('regular').fontSize(13).text(`（${facts.subtypeName}）`, LEFT, 166, { width: WIDTH, align: 'center' });
  return 204;
}

function body(doc: Doc, facts: NoticeFacts, top: number): number {
  doc.font('bold').fontSize(12).fillColor(INK).text(`${facts.applicantName}：`, LEFT, top);
  const paragraph =
    `你于${chineseDate(facts.acceptedAt)}在${facts.acceptingUnit}申请办理的${facts.subtypeName}业务，` +
    `经审查，符合有关规定，${facts.approvingUnit}决定${facts.decision}。特此通知。`;
  doc
    .font('regular')
    .fontSize(12)
    .text(paragraph, LEFT, top + 24, { width: WIDTH, indent: 24, lineGap: 6 });
  return doc.y + 16;
}

interface Column {
  title: string;
  width: number;
}

/** A ruled table; the first column of a key-value table is shaded like a form's labels. */
function table(doc: Doc, top: number, columns: Column[], rows: string[][], options: { labelColumn: boolean; headerRow: boolean }): number {
  const rowHeight = 21;
  const all = options.headerRow ? [columns.map((c) => c.title), ...rows] : rows;
  let y = top;
  for (const [index, cells] of all.entries()) {
    const shadedRow = options.headerRow && index === 0;
    let x = LEFT;
    for (const [column, cell] of cells.entries()) {
      const width = columns[column]!.width;
      const shaded = shadedRow || (options.labelColumn && column === 0);
      if (shaded) doc.save().rect(x, y, width, rowHeight).fill('#f2f2f2').restore();
      doc.save().lineWidth(0.6).strokeColor(RULE).rect(x, y, width, rowHeight).stroke().restore();
      doc
        .font(shaded ? 'bold' : 'regular')
        .fontSize(10.5)
        .fillColor(INK)
        .text(cell, x + 6, y + 4, {
          width: width - 12,
          height: rowHeight - 4,
          lineBreak: false,
          ellipsis: true,
          align: shadedRow ? 'center' : 'left',
        });
      x += width;
    }
    y += rowHeight;
  }
  return y;
}

function sectionTitle(doc: Doc, title: string, top: number): number {
  doc.font('bold').fontSize(12).fillColor(INK).text(title, LEFT, top);
  return top + 22;
}

function caseTable(doc: Doc, facts: NoticeFacts, top: number): number {
  const y = sectionTitle(doc, '一、业务信息', top);
  const rows = caseInformationRows(facts);
  const columns = [
    { title: '项目', width: 110 },
    { title: '内容', width: WIDTH - 110 },
  ];
  return table(doc, y, columns, rows, { labelColumn: true, headerRow: false });
}

function chainTable(doc: Doc, facts: NoticeFacts, top: number): number {
  const y = sectionTitle(doc, '二、审批流程', top);
  const widths = [60, 150, WIDTH - 60 - 150 - 120, 120];
  const columns = DECISION_COLUMNS.map((title, i) => ({ title, width: widths[i]! }));
  const rows = decisionRows(facts);
  return table(doc, y, columns, rows, { labelColumn: false, headerRow: true });
}

function qrBlock(doc: Doc, facts: NoticeFacts, top: number) {
  const { size, runs } = qrRuns(facts.verificationUrl);
  const cell = QR_SIZE / (size + 2 * QR_QUIET_MODULES);
  doc.save().fillColor('#000000');
  for (const run of runs) {
    doc.rect(LEFT + (QR_QUIET_MODULES + run.column) * cell, top + (QR_QUIET_MODULES + run.row) * cell, run.length * cell, cell);
  }
  doc.fill().restore();
  const textLeft = LEFT + QR_SIZE + 8;
  const textWidth = 190;
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(GREY)
    .text('验证码', textLeft, top + 8, { width: textWidth });
  doc
    .font('bold')
    .fontSize(13)
    .fillColor(INK)
    .text(facts.verificationCode, textLeft, top + 22, { width: textWidth, lineBreak: false });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(GREY)
    .text('扫描二维码，或在核验页面输入验证码，可核验本通知单的真伪。', textLeft, top + 44, { width: textWidth, lineGap: 2 });
}

function sealBlock(doc: Doc, facts: NoticeFacts, top: number) {
  const centre = { x: RIGHT - 95, y: top + SEAL_SIZE / 2 };
  const blockWidth = 190;
  const left = centre.x - blockWidth / 2;
  // The unit's name between the seal's arc and its star, the date between the star and its purpose
  // line: pressed over both as on paper (GB/T 9704-2012 7.3.5.1), and both still legible.
  doc
    .font('regular')
    .fontSize(12)
    .fillColor(INK)
    .text(facts.approvingUnit, left, centre.y - 34, { width: blockWidth, align: 'center' });
  doc.fontSize(11).text(chineseDate(facts.approvedAt), left, centre.y + 11, { width: blockWidth, align: 'center' });
  doc.image(Buffer.from(facts.sealImage), centre.x - SEAL_SIZE / 2, centre.y - SEAL_SIZE / 2, { width: SEAL_SIZE, height: SEAL_SIZE });
}

function footer(doc: Doc) {
  const top = PAGE.height - 62;
  line(doc, LEFT, top, RIGHT, top, 0.5, RULE);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(GREY)
    .text('本通知单由户政业务电子档案系统生成，加盖电子印章并经数字签名，对电子文件的任何改动都会使签名失效。', LEFT, top + 6, {
      width: WIDTH,
      align: 'center',
      lineGap: 2,
    });
}

/**
 * The closing block (QR code, and the seal over the unit's name and date) is about 120 pt tall and
 * sits at the same height on every notice unless the tables run long; when it would not clear the
 * footer, it goes to a second page.
 */
export const CLOSING_USUAL = 630;
export const CLOSING_LATEST = PAGE.height - 66 - 124;
export const CLOSING_GAP = 18;

export interface PdfSignatureFields {
  signerName: string;
  location: string;
  signingTime: Date;
}

/** The unsigned PDF, with room for its signature (pdfkit placeholder). */
export async function renderNoticePdf(facts: NoticeFacts, signature: PdfSignatureFields): Promise<{ bytes: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `户政业务审批通知单 ${facts.caseNo}`,
      Subject: facts.subtypeName,
      Author: facts.approvingUnit,
      Creator: '户政业务电子档案系统',
      CreationDate: signature.signingTime,
      ModDate: signature.signingTime,
    },
  });
  const done = pdfkitOutput(doc);
  let y = header(doc, facts);
  y = body(doc, facts, y);
  y = caseTable(doc, facts, y + 4);
  y = chainTable(doc, facts, y + 16);
  let pages = 1;
  let closing = Math.max(y + CLOSING_GAP, CLOSING_USUAL);
  if (closing > CLOSING_LATEST) {
    pages++;
    footer(doc);
    doc.addPage();
    closing = 80;
  }
  qrBlock(doc, facts, closing + (SEAL_SIZE - QR_SIZE) / 2);
  sealBlock(doc, facts, closing);
  footer(doc);
  pdfkitAddPlaceholder({
    pdf: doc,
    // Declared by the typings, unused by the function: the placeholder goes into the document being written.
    pdfBuffer: Buffer.alloc(0),
    reason: '户政业务审批通知单',
    contactInfo: '',
    name: signature.signerName,
    location: signature.location,
    signingTime: signature.signingTime,
    signatureLength: SIGNATURE_ROOM,
    // PAdES: a CAdES detached signature (ETSI EN 319 142), not the older adbe.pkcs7.detached.
    subFilter: 'ETSI.CAdES.detached',
    appName: 'hukou-e-archive',
  });
  doc.end();
  return { bytes: await done, pages };
}
