import { formatDateTime } from '../shared/format.ts';

/** Beijing time to the second: the order of events within a minute matters on the trail. */
export function formatInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  // Beijing is a whole number of hours from UTC, so the seconds are the same in both.
  return `${formatDateTime(iso)}:${String(new Date(ms).getUTCSeconds()).padStart(2, '0')}`;
}

/** What names an object for a person: a user name or a case number the event recorded beside the id. */
export function objectNameOf(detail: Record<string, unknown>): string | null {
  for (const key of ['username', 'caseNo', 'name']) {
    const value = detail[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}
