import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCitizenId } from './citizen-id.ts';
import { demoCitizenId, MAX_DEMO_SERIAL } from './demo-people.ts';

const TODAY = new Date('2026-11-29T04:00:00Z');

describe('demoCitizenId', () => {
  it('builds valid numbers that carry the division, birth date and sex asked for', () => {
    for (const [division, birthDate, sex] of [
      ['420704', '1990-03-07', 'male'],
      ['420703', '2000-02-29', 'female'],
      ['420702', '1949-12-31', 'female'],
    ] as const) {
      for (const serial of [1, 2, 250, MAX_DEMO_SERIAL]) {
        const id = demoCitizenId(division, birthDate, serial, sex);
        assert.deepEqual(checkCitizenId(id, TODAY), { ok: true, divisionCode: division, divisionKnown: true, birthDate, sex }, id);
      }
    }
  });

  it('gives distinct numbers for every serial and sex', () => {
    const ids = new Set<string>();
    for (let serial = 1; serial <= MAX_DEMO_SERIAL; serial++) {
      ids.add(demoCitizenId('420704', '1985-06-15', serial, 'male'));
      ids.add(demoCitizenId('420704', '1985-06-15', serial, 'female'));
    }
    assert.equal(ids.size, 2 * MAX_DEMO_SERIAL);
  });

  it('puts odd order codes on men and even ones on women', () => {
    assert.equal(demoCitizenId('420704', '1990-01-01', 1, 'male').slice(14, 17), '001');
    assert.equal(demoCitizenId('420704', '1990-01-01', 1, 'female').slice(14, 17), '002');
    assert.equal(demoCitizenId('420704', '1990-01-01', 499, 'female').slice(14, 17), '998');
  });

  it('refuses what cannot make a valid number', () => {
    assert.throws(() => demoCitizenId('42070', '1990-01-01', 1, 'male'), RangeError);
    assert.throws(() => demoCitizenId('420704', '1990-02-30', 1, 'male'), RangeError);
    assert.throws(() => demoCitizenId('420704', '19900101', 1, 'male'), RangeError);
    assert.throws(() => demoCitizenId('420704', '1990-01-01', 0, 'male'), RangeError);
    assert.throws(() => demoCitizenId('420704', '1990-01-01', MAX_DEMO_SERIAL + 1, 'female'), RangeError);
    assert.throws(() => demoCitizenId('420704', '1990-01-01', 1.5, 'male'), RangeError);
  });
});
