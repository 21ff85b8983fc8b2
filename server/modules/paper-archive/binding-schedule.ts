import { beijingDay, beijingDayStart } from '../../time/beijing-day.ts';

/**
 * When a paper file must be bound (装订期限): the files of the cases decided in a Beijing calendar
 * month are bound by day `bindDay` of the next month, inclusive. Stations bind a month's files
 * together, so the deadline follows the month, not each case.
 */

/** The Beijing day by which the file of a case decided at `decidedAt` must be bound, YYYY-MM-DD. */
export function bindingDueDay(decidedAt: string, bindDay: number): string {
  const [year, month] = beijingDay(new Date(decidedAt)).split('-').map(Number) as [number, number];
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return `${next.year}-${pad(next.month)}-${pad(bindDay)}`;
}

/**
 * The instant before which a decided case's unbound file is overdue now: the start of the month
 * whose files are still within their period. After day `bindDay` of this month, last month's files
 * are late; up to and on that day, only those of the month before.
 */
export function overdueCutoff(now: Date, bindDay: number): string {
  const [year, month, day] = beijingDay(now).split('-').map(Number) as [number, number, number];
  const back = day > bindDay ? 1 : 2;
  const index = year * 12 + (month - 1) - back + 1;
  const cutoffMonth = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  return beijingDayStart(`${cutoffMonth.year}-${pad(cutoffMonth.month)}-01`).toISOString();
}

/** Whether an unbound file of a case decided at `decidedAt` is late at `now`. */
export function isOverdue(decidedAt: string, now: Date, bindDay: number): boolean {
  return decidedAt < overdueCutoff(now, bindDay);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
