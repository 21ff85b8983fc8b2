/**
 * Times as the bureau reads them: Beijing time (UTC+8, no daylight saving), `YYYY-MM-DD HH:mm`,
 * whatever the time zone of the browser or the test machine.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

function beijingIso(iso: string): string | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + BEIJING_OFFSET_MS).toISOString();
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const local = beijingIso(iso);
  return local ? `${local.slice(0, 10)} ${local.slice(11, 16)}` : '';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return beijingIso(iso)?.slice(0, 10) ?? '';
}

/** A duration as days, hours or minutes, the largest two units that matter. */
export function durationParts(seconds: number): { days: number; hours: number; minutes: number } {
  const s = Math.abs(Math.round(seconds));
  return { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3_600), minutes: Math.floor((s % 3_600) / 60) };
}
