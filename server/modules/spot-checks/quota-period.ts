import { beijingDay, beijingDayStart } from '../../time/beijing-day.ts';

export type QuotaPeriod = 'week' | 'month';

/**
 * The quota period an instant falls in, as Beijing days: a week runs Monday to Sunday, a month from its
 * first day. `start` and `end` are instants (end exclusive), `from` and `to` the inclusive days.
 */
export function currentQuotaPeriod(now: Date, period: QuotaPeriod): { from: string; to: string; start: string; end: string } {
  const today = beijingDay(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let first: Date;
  let next: Date;
  if (period === 'month') {
    first = new Date(Date.UTC(y, m - 1, 1));
    next = new Date(Date.UTC(y, m, 1));
  } else {
    const date = new Date(Date.UTC(y, m - 1, d));
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    first = new Date(date.getTime() - sinceMonday * 86_400_000);
    next = new Date(first.getTime() + 7 * 86_400_000);
  }
  const from = first.toISOString().slice(0, 10);
  const nextDay = next.toISOString().slice(0, 10);
  const to = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { from, to, start: beijingDayStart(from).toISOString(), end: beijingDayStart(nextDay).toISOString() };
}
