/**
 * Days as the bureau counts them: calendar days in Beijing time (Asia/Shanghai, UTC+8 all year:
 * China has kept no daylight saving since 1991). Timestamps are stored as UTC instants; whenever a
 * rule or a person talks about "a day" (case numbers, the daily counter, catalog effective dates,
 * search date filters, "born today"), the day comes from here, so a case accepted at 07:30 in the
 * morning gets today's number, not yesterday's.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
export function beijingDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing calendar day begins (00:00 Beijing time = 16:00 UTC the day before). */
export function beijingDayStart(day: string): Date {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`not a calendar day: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - OFFSET_MS);
}

/** The instant the day after `day` begins: the exclusive end of an inclusive day range. */
export function beijingDayEnd(day: string): Date {
  return new Date(beijingDayStart(day).getTime() + DAY_MS);
}
