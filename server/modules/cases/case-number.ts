import { beijingDay } from '../../time/beijing-day.ts';

/**
 * Case numbers are read out over the phone, so they are digits in short groups:
 * unit prefix (3 digits) - accept day YYMMDD (in Beijing) - daily sequence (4 digits), e.g. 101-261129-0007.
 */
export function formatCaseNo(unitPrefix: string, acceptedAt: Date, dailySeq: number): string {
  return `${unitPrefix}-${beijingDay(acceptedAt).slice(2).replaceAll('-', '')}-${String(dailySeq).padStart(4, '0')}`;
}

export const CASE_NO_PATTERN = /^\d{3}-\d{6}-\d{4,}$/;
