import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCitizenId } from '../population/citizen-id.ts';
import { upgradeOldIdNumber } from './old-id-number.ts';

describe('15-digit ID numbers of first-generation cards', () => {
  it('become the 18-digit number GB 11643-1999 gives them: century 19 inserted, check character appended', () => {
    // 420702 (鄂州市鄂城区), born 1968-03-05, sequence 123: its 18-digit form ends in check character 9.
    const upgraded = upgradeOldIdNumber('420702680305123');
    assert.equal(upgraded, '420702196803051239');
    const check = checkCitizenId(upgraded, new Date('2026-11-29T00:00:00Z'));
    assert.ok(check.ok);
    assert.equal(check.ok && check.birthDate, '1968-03-05');
  });

  it('leaves anything else as it was, for the usual check to judge', () => {
    for (const id of ['420702196803051239', '4207026803051', 'abc', '42070268030512x']) assert.equal(upgradeOldIdNumber(id), id);
    assert.equal(upgradeOldIdNumber(' 420702680305123 '), '420702196803051239');
  });
});
