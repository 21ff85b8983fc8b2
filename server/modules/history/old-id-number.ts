import { citizenIdCheckChar } from '../population/citizen-id.ts';

/**
 * First-generation identity cards (1985–2004) carry 15 digits: no century, no check character. Old
 * paper files hold many of them. GB 11643-1999 turns one into today's 18 by inserting "19" before the
 * two-digit year (every 15-digit number was issued to someone born in the 1900s) and appending the
 * check character; anything else is returned as it was, for the usual check to judge.
 */
export function upgradeOldIdNumber(id: string): string {
  const s = id.trim();
  if (!/^\d{15}$/.test(s)) return s;
  const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  return first17 + citizenIdCheckChar(first17);
}
