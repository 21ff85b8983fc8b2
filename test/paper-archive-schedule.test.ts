import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bindingDueDay, isOverdue, overdueCutoff } from '../server/modules/paper-archive/binding-schedule.ts';

/** The binding period (docs/PAPER-ARCHIVE.md): a month's files by day N of the next month, in Beijing days. */
describe('paper archive binding schedule', () => {
  it('gives the next month’s bind day, across the year’s end and by the Beijing day', () => {
    assert.equal(bindingDueDay('2026-11-29T01:00:00.000Z', 10), '2026-12-10');
    assert.equal(bindingDueDay('2026-12-15T01:00:00.000Z', 10), '2027-01-10');
    // 17:00 UTC on 30 November is 1 December in Beijing: December's file.
    assert.equal(bindingDueDay('2026-11-30T17:00:00.000Z', 5), '2027-01-05');
  });

  it('is late only after the bind day has passed in Beijing', () => {
    const decided = '2026-11-20T03:00:00.000Z';
    assert.equal(isOverdue(decided, new Date('2026-12-10T15:59:59.000Z'), 10), false, '23:59 on 10 December, Beijing');
    assert.equal(isOverdue(decided, new Date('2026-12-10T16:00:00.000Z'), 10), true, '00:00 on 11 December, Beijing');
    assert.equal(overdueCutoff(new Date('2026-12-10T16:00:00.000Z'), 10), '2026-11-30T16:00:00.000Z');
    assert.equal(
      overdueCutoff(new Date('2027-01-05T00:00:00.000Z'), 10),
      '2026-11-30T16:00:00.000Z',
      'on 5 January only November and before are late',
    );
    assert.equal(isOverdue('2026-12-31T10:00:00.000Z', new Date('2027-01-10T15:00:00.000Z'), 10), false, 'a December file is due 10 January');
    assert.equal(isOverdue('2026-12-31T10:00:00.000Z', new Date('2027-01-31T00:00:00.000Z'), 10), true);
  });
});
