import { citizenIdCheckChar, realDate } from './citizen-id.ts';

/** Highest serial that fits the 3-digit order code for both sexes (female 2×499 = 998). */
export const MAX_DEMO_SERIAL = 499;

/**
 * A synthetic but valid citizen ID. The order code is 2×serial−1 for men and 2×serial for women
 * (GB 11643: odd male, even female), so serials 1..499 give distinct numbers per division, day and sex.
 */
export function demoCitizenId(divisionCode: string, birthDate: string, serial: number, sex: 'male' | 'female'): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`division code must be 6 digits: ${divisionCode}`);
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate.replaceAll('-', '') : '';
  if (ymd === '' || realDate(ymd) === undefined) throw new RangeError(`not a real YYYY-MM-DD date: ${birthDate}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_DEMO_SERIAL) {
    throw new RangeError(`serial must be an integer 1..${MAX_DEMO_SERIAL}: ${serial}`);
  }
  const order = String(sex === 'male' ? 2 * serial - 1 : 2 * serial).padStart(3, '0');
  const first17 = `${divisionCode}${ymd}${order}`;
  return first17 + citizenIdCheckChar(first17);
}
