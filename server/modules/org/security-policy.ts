import { z } from 'zod';
import { DEFAULT_THROTTLE_LIMITS, type ThrottleLimits } from './sign-in-throttle-policy.ts';

/**
 * The security administrator's policy: what a new password must be, and how sign-in attempts are
 * rationed. Every number has bounds, so no setting can switch a protection off (a wait of 0, a
 * password of 1 character) or lock every user out for days. The bounds are here and in
 * docs/OPERATIONS.md ("Administrators and passwords").
 */
export const CHARACTER_CLASSES = ['lowercase', 'uppercase', 'digit', 'symbol'] as const;
export type CharacterClass = (typeof CHARACTER_CLASSES)[number];

export const PasswordPolicySchema = z.object({
  minLength: z.number().int().min(8).max(64).describe('characters (Unicode code points)'),
  requiredClasses: z
    .array(z.enum(CHARACTER_CLASSES))
    .max(CHARACTER_CLASSES.length)
    .refine((classes) => new Set(classes).size === classes.length, { message: 'each class once' })
    .describe('classes every new password must contain: lowercase a-z, uppercase A-Z, digit 0-9, symbol (anything else)'),
  minClasses: z.number().int().min(1).max(4).describe('how many different classes a new password must contain at least'),
});

export const LockoutPolicySchema = z.object({
  freeFailures: z.number().int().min(3).max(10).describe('failed sign-ins in a row before the account name must wait'),
  waitMinutes: z
    .array(z.number().int().min(1).max(60))
    .min(1)
    .max(10)
    .refine((waits) => waits.every((wait, i) => i === 0 || wait >= (waits[i - 1] ?? 0)), { message: 'waits never shrink' })
    .describe('the wait after each further failure; the last one repeats'),
  streakResetHours: z.number().int().min(1).max(72).describe('a quiet name starts a fresh streak after this long'),
  sourceBurst: z.number().int().min(5).max(200).describe('attempts one address may make at once'),
  sourceIntervalSeconds: z.number().int().min(10).max(600).describe('one more attempt per address every this many seconds'),
});

export const SecurityPolicySchema = z.object({ password: PasswordPolicySchema, lockout: LockoutPolicySchema });

export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;
export type LockoutPolicy = z.infer<typeof LockoutPolicySchema>;
export type SecurityPolicy = z.infer<typeof SecurityPolicySchema>;

const MINUTE = 60_000;

/**
 * In force while the security administrator has stored nothing: the sign-in throttle's numbers
 * as they were before they became configurable, and passwords of at least 8 characters from at
 * least 3 classes (the usual reading of GB/T 22239 "口令复杂度").
 */
export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  password: { minLength: 8, requiredClasses: [], minClasses: 3 },
  lockout: {
    freeFailures: DEFAULT_THROTTLE_LIMITS.freeFailures,
    waitMinutes: DEFAULT_THROTTLE_LIMITS.nameWaitsMs.map((ms) => ms / MINUTE),
    streakResetHours: DEFAULT_THROTTLE_LIMITS.streakExpiryMs / (60 * MINUTE),
    sourceBurst: DEFAULT_THROTTLE_LIMITS.sourceBurst,
    sourceIntervalSeconds: DEFAULT_THROTTLE_LIMITS.sourceIntervalMs / 1000,
  },
};

export function throttleLimitsOf(lockout: LockoutPolicy): ThrottleLimits {
  return {
    freeFailures: lockout.freeFailures,
    nameWaitsMs: lockout.waitMinutes.map((m) => m * MINUTE),
    streakExpiryMs: lockout.streakResetHours * 60 * MINUTE,
    sourceBurst: lockout.sourceBurst,
    sourceIntervalMs: lockout.sourceIntervalSeconds * 1000,
  };
}

/** Which class a character belongs to; anything but ASCII letters and digits (Chinese too) is a symbol. */
export function characterClassOf(char: string): CharacterClass {
  if (char >= 'a' && char <= 'z') return 'lowercase';
  if (char >= 'A' && char <= 'Z') return 'uppercase';
  if (char >= '0' && char <= '9') return 'digit';
  return 'symbol';
}

/** A rule a new password breaks; `details.rules` of PASSWORD_POLICY_VIOLATED. */
export type PasswordRule =
  | 'TOO_SHORT'
  | 'MISSING_LOWERCASE'
  | 'MISSING_UPPERCASE'
  | 'MISSING_DIGIT'
  | 'MISSING_SYMBOL'
  | 'TOO_FEW_CLASSES'
  | 'SAME_AS_USERNAME'
  | 'SAME_AS_CURRENT';

const MISSING: Record<CharacterClass, PasswordRule> = {
  lowercase: 'MISSING_LOWERCASE',
  uppercase: 'MISSING_UPPERCASE',
  digit: 'MISSING_DIGIT',
  symbol: 'MISSING_SYMBOL',
};

const folded = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Every rule the new password breaks, in a stable order, so the page can say all of them at once.
 * The user name is compared as sign-in folds it (case, full-width forms); the current password
 * exactly, as it is checked.
 */
export function passwordViolations(
  password: string,
  policy: PasswordPolicy,
  account: { username: string; currentPassword?: string },
): PasswordRule[] {
  const chars = Array.from(password);
  const present = new Set(chars.map(characterClassOf));
  const rules: PasswordRule[] = [];
  if (chars.length < policy.minLength) rules.push('TOO_SHORT');
  for (const required of CHARACTER_CLASSES) if (policy.requiredClasses.includes(required) && !present.has(required)) rules.push(MISSING[required]);
  if (present.size < policy.minClasses) rules.push('TOO_FEW_CLASSES');
  if (folded(password) === folded(account.username)) rules.push('SAME_AS_USERNAME');
  if (account.currentPassword !== undefined && password === account.currentPassword) rules.push('SAME_AS_CURRENT');
  return rules;
}
