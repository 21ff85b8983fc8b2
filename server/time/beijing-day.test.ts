import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beijingDay, beijingDayEnd, beijingDayStart } from './beijing-day.ts';

describe('Beijing business days', () => {
  it('puts 07:59 Beijing time on the same day as 08:01, and 23:59 before midnight', () => {
    assert.equal(beijingDay(new Date('2026-11-29T23:59:59.999Z')), '2026-11-30'); // 07:59:59 on the 30th
    assert.equal(beijingDay(new Date('2026-11-30T00:01:00Z')), '2026-11-30'); // 08:01
    assert.equal(beijingDay(new Date('2026-11-30T15:59:59.999Z')), '2026-11-30'); // 23:59:59.999
    assert.equal(beijingDay(new Date('2026-11-30T16:00:00Z')), '2026-12-01'); // midnight
  });

  it('crosses month and year ends, and leap days', () => {
    assert.equal(beijingDay(new Date('2026-12-31T16:00:00Z')), '2027-01-01');
    assert.equal(beijingDay(new Date('2028-02-28T16:00:00Z')), '2028-02-29');
  });

  it('gives the UTC instants a Beijing day starts and ends at', () => {
    assert.equal(beijingDayStart('2026-12-01').toISOString(), '2026-11-30T16:00:00.000Z');
    assert.equal(beijingDayEnd('2026-12-31').toISOString(), '2026-12-31T16:00:00.000Z');
    assert.throws(() => beijingDayStart('2026-1-1'), RangeError);
  });
});
