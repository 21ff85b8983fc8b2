import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateTemporaryPassword } from './password.ts';
import {
  DEFAULT_SECURITY_POLICY,
  LockoutPolicySchema,
  passwordViolations,
  PasswordPolicySchema,
  SecurityPolicySchema,
  throttleLimitsOf,
} from './security-policy.ts';
import { DEFAULT_THROTTLE_LIMITS, maxNameAttempts, nameWaitAfter } from './sign-in-throttle-policy.ts';

const MINUTE = 60_000;
const account = { username: 'gulou.officer' };

describe('password policy', () => {
  const policy = { minLength: 10, requiredClasses: ['uppercase', 'symbol'] as const, minClasses: 3 };
  const rules = (password: string, currentPassword?: string) =>
    passwordViolations(password, { ...policy, requiredClasses: [...policy.requiredClasses] }, { ...account, currentPassword });

  it('names every rule a password breaks, in a stable order', () => {
    assert.deepEqual(rules('abc'), ['TOO_SHORT', 'MISSING_UPPERCASE', 'MISSING_SYMBOL', 'TOO_FEW_CLASSES']);
    assert.deepEqual(rules('abcdefghij'), ['MISSING_UPPERCASE', 'MISSING_SYMBOL', 'TOO_FEW_CLASSES']);
    assert.deepEqual(rules('abcdefghiJ'), ['MISSING_SYMBOL', 'TOO_FEW_CLASSES']);
    assert.deepEqual(rules('abcdefghJ!'), []);
    assert.deepEqual(rules('ABCDEFGHi1'), ['MISSING_SYMBOL']);
  });

  it('counts length in characters, not UTF-16 units, and anything but ASCII letters and digits as a symbol', () => {
    assert.deepEqual(rules('Ab1😀😀😀😀😀😀'), ['TOO_SHORT'], '9 characters, 15 UTF-16 units');
    assert.deepEqual(rules('Ab1户政户政户政户'), [], 'Chinese characters are symbols');
  });

  it('refuses the user name in any case or width, and the current password exactly', () => {
    const samePolicy = { minLength: 8, requiredClasses: [], minClasses: 1 };
    assert.deepEqual(passwordViolations('Gulou.Officer', samePolicy, account), ['SAME_AS_USERNAME']);
    assert.deepEqual(passwordViolations('ｇｕｌｏｕ．ｏｆｆｉｃｅｒ', samePolicy, account), ['SAME_AS_USERNAME']);
    assert.deepEqual(passwordViolations('Hukou@2026', samePolicy, { ...account, currentPassword: 'Hukou@2026' }), ['SAME_AS_CURRENT']);
    assert.deepEqual(passwordViolations('hukou@2026', samePolicy, { ...account, currentPassword: 'Hukou@2026' }), []);
  });

  it('lets the demo password through the default policy', () => {
    assert.deepEqual(passwordViolations('Hukou@2026', DEFAULT_SECURITY_POLICY.password, account), []);
  });

  it('issues temporary passwords that meet the strictest policy the bounds allow', () => {
    const strictest = {
      minLength: 64,
      requiredClasses: ['lowercase', 'uppercase', 'digit', 'symbol'] as ('lowercase' | 'uppercase' | 'digit' | 'symbol')[],
      minClasses: 4,
    };
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword(i % 2 ? 8 : 64);
      seen.add(password);
      assert.equal(password.length, i % 2 ? 16 : 64);
      assert.deepEqual(passwordViolations(password, { ...strictest, minLength: password.length }, account), [], password);
      assert.doesNotMatch(password, /[0O1lI]/, 'no look-alike characters');
    }
    assert.equal(seen.size, 200);
  });
});

describe('security policy bounds', () => {
  it('keeps every number within its bounds', () => {
    const password = DEFAULT_SECURITY_POLICY.password;
    assert.equal(PasswordPolicySchema.safeParse({ ...password, minLength: 7 }).success, false);
    assert.equal(PasswordPolicySchema.safeParse({ ...password, minLength: 65 }).success, false);
    assert.equal(PasswordPolicySchema.safeParse({ ...password, minLength: 64 }).success, true);
    assert.equal(PasswordPolicySchema.safeParse({ ...password, minClasses: 0 }).success, false);
    assert.equal(PasswordPolicySchema.safeParse({ ...password, requiredClasses: ['digit', 'digit'] }).success, false);
    const lockout = DEFAULT_SECURITY_POLICY.lockout;
    for (const bad of [
      { freeFailures: 2 },
      { freeFailures: 11 },
      { waitMinutes: [] },
      { waitMinutes: [0] },
      { waitMinutes: [61] },
      { waitMinutes: [2, 1] },
      { waitMinutes: Array(11).fill(1) },
      { streakResetHours: 0 },
      { streakResetHours: 73 },
      { sourceBurst: 4 },
      { sourceBurst: 201 },
      { sourceIntervalSeconds: 9 },
      { sourceIntervalSeconds: 601 },
    ]) {
      assert.equal(LockoutPolicySchema.safeParse({ ...lockout, ...bad }).success, false, JSON.stringify(bad));
    }
    assert.equal(LockoutPolicySchema.safeParse({ ...lockout, waitMinutes: [1, 1, 60] }).success, true);
  });

  it('defaults to the throttle numbers in force before they became configurable', () => {
    assert.equal(SecurityPolicySchema.safeParse(DEFAULT_SECURITY_POLICY).success, true);
    assert.deepEqual(throttleLimitsOf(DEFAULT_SECURITY_POLICY.lockout), DEFAULT_THROTTLE_LIMITS);
  });

  it('turns a lockout policy into the throttle’s limits', () => {
    const limits = throttleLimitsOf({ freeFailures: 3, waitMinutes: [10, 30], streakResetHours: 2, sourceBurst: 50, sourceIntervalSeconds: 30 });
    assert.deepEqual(limits, {
      freeFailures: 3,
      nameWaitsMs: [10 * MINUTE, 30 * MINUTE],
      streakExpiryMs: 2 * 60 * MINUTE,
      sourceBurst: 50,
      sourceIntervalMs: 30_000,
    });
    assert.deepEqual(
      [1, 2, 3, 4, 5, 9].map((n) => nameWaitAfter(n, limits) / MINUTE),
      [0, 0, 10, 30, 30, 30],
    );
    // 3 at once, then at minutes 10, 40, and every 30 minutes.
    assert.equal(maxNameAttempts(60 * MINUTE, limits), 5);
  });
});
