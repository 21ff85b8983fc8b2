import { beijingDay } from '../../time/beijing-day.ts';
import { isDivisionCode, isProvinceCode } from './divisions.ts';

export type CitizenIdProblem = 'format' | 'checksum' | 'birthDate' | 'division';
export type CitizenIdCheck =
  { ok: true; divisionCode: string; divisionKnown: boolean; birthDate: string; sex: 'male' | 'female' } | { ok: false; problem: CitizenIdProblem };

// GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = '1900-01-01';

export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('citizenIdCheckChar needs exactly 17 digits');
  const sum = WEIGHTS.reduce((total, weight, i) => total + Number(first17.charAt(i)) * weight, 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export function normalizeCitizenId(id: string): string {
  return id.trim().replace(/x/g, 'X');
}

export function maskCitizenId(id: string): string {
  const s = normalizeCitizenId(id);
  if (s.length === 18) return `${s.slice(0, 6)}********${s.slice(14)}`;
  return '*'.repeat(Math.max(0, s.length - 2)) + s.slice(-2);
}

/** YYYYMMDD → YYYY-MM-DD when it names a real calendar day, else undefined. */
export function realDate(yyyymmdd: string): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Checks run in the order format, checksum, birthDate, division, so a mistyped digit is reported
 * as 'checksum' (the commonest window error) rather than as whatever the typo happened to hit.
 */
/** `today` is an instant; a child born today in Beijing time passes, whatever the server's zone. */
export function checkCitizenId(id: string, today: Date = new Date()): CitizenIdCheck {
  const s = normalizeCitizenId(id);
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, problem: 'format' };
  if (citizenIdCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, problem: 'checksum' };
  const birthDate = realDate(s.slice(6, 14));
  if (birthDate === undefined || birthDate < EARLIEST_BIRTH || birthDate > beijingDay(today)) {
    return { ok: false, problem: 'birthDate' };
  }
  if (!isProvinceCode(s.slice(0, 2))) return { ok: false, problem: 'division' };
  const divisionCode = s.slice(0, 6);
  return {
    ok: true,
    divisionCode,
    // Numbers issued before a re-division keep the retired county code for life.
    divisionKnown: isDivisionCode(divisionCode),
    birthDate,
    sex: Number(s[16]) % 2 === 1 ? 'male' : 'female',
  };
}
