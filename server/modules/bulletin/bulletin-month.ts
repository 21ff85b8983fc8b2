import { beijingDay, beijingDayStart } from '../../time/beijing-day.ts';

/** A calendar month as the bureau counts it: from 00:00 on its first day in Beijing to 00:00 on the next month's. */
export interface BulletinMonth {
  /** YYYY-MM */
  month: string;
  year: number;
  monthNo: number;
  /** ISO instants, [from, to). */
  from: string;
  to: string;
}

export const MONTH_PATTERN = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;

export function bulletinMonth(month: string): BulletinMonth {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`not a month: ${month}`);
  const year = Number(month.slice(0, 4));
  const monthNo = Number(month.slice(5, 7));
  const next = monthNo === 12 ? `${year + 1}-01` : `${year}-${String(monthNo + 1).padStart(2, '0')}`;
  return {
    month,
    year,
    monthNo,
    from: beijingDayStart(`${month}-01`).toISOString(),
    to: beijingDayStart(`${next}-01`).toISOString(),
  };
}

/** The Beijing month an instant falls in. */
export function monthOf(instant: Date): string {
  return beijingDay(instant).slice(0, 7);
}

/** 2026年11月 */
export function monthTitle(month: BulletinMonth): string {
  return `${month.year}年${month.monthNo}月`;
}
