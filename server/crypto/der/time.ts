// DER times are UTC with whole seconds and a trailing Z (X.690 11.7, 11.8).
import { DerError, excerpt } from './tags.ts';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function assertWholeSecondsDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new TypeError('invalid date');
}

export function formatGeneralizedTime(date: Date): string {
  assertWholeSecondsDate(date);
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    'Z'
  );
}

export function formatUtcTime(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError('UTCTime covers 1950-2049 only');
  return formatGeneralizedTime(date).slice(2);
}

function build(year: number, parts: RegExpExecArray, fraction: string | undefined): Date {
  const [month, day, hour, minute, second] = [Number(parts[2]), Number(parts[3]), Number(parts[4]), Number(parts[5]), Number(parts[6])];
  // Milliseconds are the first three digits. Going through Number() rounded a
  // long fraction such as .9999999999999999999 up to a whole second, and the
  // valid time was then refused as impossible.
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  // Reject impossible calendar values such as month 13 or 31 February.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    throw new DerError('impossible date value');
  }
  return date;
}

export function parseGeneralizedTime(text: string): Date {
  // A fraction is allowed by DER only without trailing zeros.
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d*[1-9]))?Z$/.exec(text);
  if (!match) throw new DerError(`not a DER GeneralizedTime: ${JSON.stringify(excerpt(text))}`);
  return build(Number(match[1]), match, match[7]);
}

export function parseUtcTime(text: string): Date {
  const match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) throw new DerError(`not a DER UTCTime: ${JSON.stringify(excerpt(text))}`);
  const yy = Number(match[1]);
  return build(yy >= 50 ? 1900 + yy : 2000 + yy, match, undefined);
}
