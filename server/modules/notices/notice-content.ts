import QRCode from 'qrcode';
import type { NoticeFacts } from './notice-facts.ts';
import { beijingMinute } from './notice-text.ts';

/**
 * What the notice prints, whatever the format: the PDF (render-notice-pdf.ts) and the OFD
 * (ofd/notice-layout.ts) lay out the same rows and the same QR code, so the two never say different things.
 */

/** 一、业务信息: label and value. */
export function caseInformationRows(facts: NoticeFacts): [string, string][] {
  return [
    ['业务编号', facts.caseNo],
    ['申请人', facts.applicantName],
    ['公民身份号码', facts.idNumberMasked],
    ['业务类别', `${facts.categoryName} — ${facts.subtypeName}`],
    ['受理单位', facts.acceptingUnit],
    ['受理时间', beijingMinute(facts.acceptedAt)],
    ['审批决定', `${facts.decision}（同意办理）`],
  ];
}

/** 二、审批流程: the column titles, and one row per decision. */
export const DECISION_COLUMNS = ['环节', '办理单位', '经办人', '时间'] as const;

export function decisionRows(facts: NoticeFacts): string[][] {
  return facts.decisions.map((d) => [d.label, d.unit, d.officer, beijingMinute(d.at)]);
}

/** A run of dark modules in one row of the QR code, in module units (the quiet zone not counted). */
export interface QrRun {
  row: number;
  column: number;
  length: number;
}

/**
 * The QR code of the verification address as runs of dark modules: one rectangle each, so a
 * renderer draws few shapes and no hairlines between modules.
 */
export function qrRuns(url: string): { size: number; runs: QrRun[] } {
  const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let column = 0; column <= size; column++) {
      const dark = column < size && data[row * size + column] === 1;
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push({ row, column: start, length: column - start });
        start = -1;
      }
    }
  }
  return { size, runs };
}

/** Modules of white around the code, as the QR standard asks (at least 2 here, as printed so far). */
export const QR_QUIET_MODULES = 2;
