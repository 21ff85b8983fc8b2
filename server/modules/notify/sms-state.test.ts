import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffMs, maskPhone, SMS_MAX_BACKOFF_MS } from './sms-state.ts';

describe('SMS backoff and masking', () => {
  it('doubles the wait after each failure, from a minute, up to an hour', () => {
    assert.deepEqual([1, 2, 3, 4].map(backoffMs), [60_000, 120_000, 240_000, 480_000]);
    assert.equal(backoffMs(30), SMS_MAX_BACKOFF_MS);
  });
  it('masks a mobile number to its first 3 and last 4 digits', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskPhone('12345'), '***45');
  });
});
