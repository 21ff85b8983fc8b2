/**
 * How the notice writes names, dates and acts. Pure: the rendering and the public facts share it.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 2026年11月29日: the date in Beijing time, as an official document writes it (GB/T 9704 uses Arabic numerals). */
export function chineseDate(instant: string): string {
  const beijing = new Date(Date.parse(instant) + BEIJING_OFFSET_MS);
  return `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日`;
}

/** 2026-11-29 09:30: date and minute in Beijing time. */
export function beijingMinute(instant: string): string {
  return new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A name as a public check shows it: the surname's first character and, for longer names, the last; the rest starred. */
export function maskPersonName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length <= 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
}

export const DECISION_LABELS: Record<string, string> = { submit: '呈报', review: '审核', return: '退回', approve: '审批' };

/** What the approval decides, as the notice and the public check say it. */
export const APPROVAL_DECISION = '准予办理';
