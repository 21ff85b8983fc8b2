import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile: 19 MiB, t=2, p=1.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * A hash of a random password nobody knows, with the same parameters as every stored hash (a test
 * keeps them equal). Sign-in checks an unknown name against it, so an unknown name costs the same
 * time as a wrong password, from the first request on.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$whMuMp9LouhMRrIL6CZr8Q$JnyG/RdDCHoottqaYhJR3vBrTXMhNzLi1r5bY/jYwU4';

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/** Spends the time of one real check and always fails: for a name with no usable account. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verify(DUMMY_HASH, password);
  return false;
}

export const dummyHashForTests = DUMMY_HASH;

// Characters that read alike on a slip of paper (0/O, 1/l/I) are left out: a temporary password
// is read off a screen and typed by someone else.
const TEMPORARY_ALPHABETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=?!'];
const TEMPORARY_MIN_LENGTH = 16;

/**
 * A random temporary password with a character of every class (lowercase, uppercase, digit,
 * symbol), so it meets any password policy the bounds allow, at least 16 characters long.
 */
export function generateTemporaryPassword(minLength: number): string {
  const length = Math.max(TEMPORARY_MIN_LENGTH, minLength);
  const all = TEMPORARY_ALPHABETS.join('');
  const pick = (alphabet: string) => alphabet.charAt(randomInt(alphabet.length));
  const chars = [...TEMPORARY_ALPHABETS.map(pick), ...Array.from({ length: length - TEMPORARY_ALPHABETS.length }, () => pick(all))];
  // Fisher-Yates, so the guaranteed characters are not always at the front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
