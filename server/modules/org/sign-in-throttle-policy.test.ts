import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxNameAttempts, maxSourceAttempts, nameWaitAfter, retryAfterSeconds, SOURCE_INTERVAL_MS, throttleName } from './sign-in-throttle-policy.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('sign-in throttle policy', () => {
  it('lets five attempts through freely, then waits 1, 2, 4, 8 and at most 15 minutes', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100].map((n) => nameWaitAfter(n) / MINUTE),
      [0, 0, 0, 0, 1, 2, 4, 8, 15, 15, 15],
    );
  });

  it('gives the bounds docs/OPERATIONS.md states', () => {
    // Per name: attempts at minute 0 (x5), 1, 3, 7, 15, 30, 45, 60.
    assert.equal(maxNameAttempts(HOUR), 12);
    assert.equal(maxNameAttempts(HOUR - 1), 11);
    // Then one every 15 minutes: 4 an hour.
    assert.equal(maxNameAttempts(25 * HOUR) - maxNameAttempts(24 * HOUR), 4);
    assert.equal(maxNameAttempts(24 * HOUR), 8 + 24 * 4);
    // Per source: a burst of 30, then one every 2 minutes.
    assert.equal(SOURCE_INTERVAL_MS, 2 * MINUTE);
    assert.equal(maxSourceAttempts(HOUR), 60);
    assert.equal(maxSourceAttempts(2 * HOUR) - maxSourceAttempts(HOUR), 30);
  });

  it('never tells a client to retry in 0 seconds, and rounds up', () => {
    assert.equal(retryAfterSeconds(0), 1);
    assert.equal(retryAfterSeconds(-5), 1);
    assert.equal(retryAfterSeconds(59_001), 60);
    assert.equal(retryAfterSeconds(60_000), 60);
  });

  it('folds case, width and surrounding spaces of a typed name into one key', () => {
    assert.equal(throttleName(' Gulou.Officer '), 'gulou.officer');
    assert.equal(throttleName('ｇｕｌｏｕ．ｏｆｆｉｃｅｒ'), 'gulou.officer');
  });
});
