import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applicantIdIndexCandidates,
  caseValueContext,
  openCaseIdNumber,
  openCaseRow,
  planRowRewrite,
  protectCaseChanges,
  protectCaseRow,
  type StoredCaseSecrets,
} from './case-protection.ts';
import { KeyRing, ProtectedValueError, protectedValueKeyId } from './id-protection.ts';

const K1 = { id: 'k1', secret: new Uint8Array(32).fill(1) };
const K2 = { id: 'k2', secret: new Uint8Array(32).fill(2) };
const ring1 = new KeyRing([K1]);
const APPLICANT = '420704198803090012';
const FATHER = '420704196001010016';
const FIELDS = JSON.stringify({ fatherIdNumber: FATHER, fatherName: '张大山', address: '鄂州市鄂城区古楼街道' });

function plainRow(id = 'case-1'): StoredCaseSecrets {
  return { id, applicant_id_number: APPLICANT, fields: FIELDS, applicant_id_index: null };
}

describe('case rows', () => {
  it('are protected on the way in and opened on the way out, other columns untouched', () => {
    const row = { ...plainRow(), applicant_name: '张三', status: 'accepted' };
    const stored = protectCaseRow(ring1, row);
    assert.equal(stored.applicant_name, '张三');
    assert.ok(!JSON.stringify(stored).includes(APPLICANT));
    assert.ok(!JSON.stringify(stored).includes(FATHER));
    assert.ok(!JSON.stringify(stored).includes('张大山'));
    assert.equal(stored.applicant_id_index, ring1.blindIndex(APPLICANT));
    assert.deepEqual(openCaseRow(ring1, stored), { ...row, applicant_id_index: stored.applicant_id_index });
    assert.equal(openCaseIdNumber(ring1, stored), APPLICANT);
  });

  it('refuse a value copied from another case or the other column', () => {
    const a = protectCaseRow(ring1, plainRow('case-a'));
    const b = protectCaseRow(ring1, { ...plainRow('case-b'), applicant_id_number: '420704198803090039' });
    assert.throws(() => openCaseRow(ring1, { ...b, applicant_id_number: a.applicant_id_number }), ProtectedValueError);
    assert.throws(() => openCaseRow(ring1, { ...a, fields: a.applicant_id_number, applicant_id_number: a.fields }), ProtectedValueError);
  });

  it('protect only the columns an update sets, with the index alongside the number', () => {
    assert.deepEqual(protectCaseChanges(ring1, 'case-1', { status: 'approved' }), { status: 'approved' });
    const changed = protectCaseChanges(ring1, 'case-1', { fields: FIELDS, applicant_id_number: APPLICANT });
    assert.equal(ring1.open(changed.fields, caseValueContext('case-1', 'fields')), FIELDS);
    assert.equal(ring1.open(changed.applicant_id_number, caseValueContext('case-1', 'applicant_id_number')), APPLICANT);
    assert.equal(changed.applicant_id_index, ring1.blindIndex(APPLICANT));
  });

  it('are found by every index key configured', () => {
    const rotating = new KeyRing([K2, K1], ['k2', 'k1']);
    assert.deepEqual(applicantIdIndexCandidates(rotating, APPLICANT), [new KeyRing([K2]).blindIndex(APPLICANT), ring1.blindIndex(APPLICANT)]);
  });
});

describe('planRowRewrite', () => {
  it('protects a plain row and computes its index, in both modes', () => {
    for (const mode of ['plain', 'current'] as const) {
      const plan = planRowRewrite(ring1, plainRow(), mode);
      assert.equal(plan.kind, 'update');
      if (plan.kind !== 'update') return;
      assert.equal(plan.protectedPlain, 2);
      assert.equal(plan.reencrypted, 0);
      assert.equal(plan.reindexed, true);
      assert.deepEqual(openCaseRow(ring1, { id: 'case-1', ...plan.values }), {
        id: 'case-1',
        ...plan.values,
        applicant_id_number: APPLICANT,
        fields: FIELDS,
      });
      assert.equal(plan.values.applicant_id_index, ring1.blindIndex(APPLICANT));
    }
  });

  it('leaves a converted row alone', () => {
    const stored = protectCaseRow(ring1, plainRow());
    assert.deepEqual(planRowRewrite(ring1, stored, 'plain'), { kind: 'unchanged' });
    assert.deepEqual(planRowRewrite(ring1, stored, 'current'), { kind: 'unchanged' });
  });

  it('fills only a missing index on a protected row (a row written before its index)', () => {
    const stored = { ...protectCaseRow(ring1, plainRow()), applicant_id_index: null };
    const plan = planRowRewrite(ring1, stored, 'plain');
    assert.ok(plan.kind === 'update' && plan.reindexed && plan.protectedPlain === 0 && plan.reencrypted === 0);
    assert.equal(plan.values.applicant_id_number, stored.applicant_id_number);
  });

  it('moves values to the current key only in rotation mode, keeping the index key', () => {
    const stored = protectCaseRow(ring1, plainRow());
    const rotated = new KeyRing([K2, K1], ['k1']);
    assert.deepEqual(planRowRewrite(rotated, stored, 'plain'), { kind: 'unchanged' });
    const plan = planRowRewrite(rotated, stored, 'current');
    assert.ok(plan.kind === 'update');
    assert.equal(plan.reencrypted, 2);
    assert.equal(plan.reindexed, false);
    assert.equal(protectedValueKeyId(plan.values.applicant_id_number), 'k2');
    assert.equal(protectedValueKeyId(plan.values.fields), 'k2');
    assert.equal(plan.values.applicant_id_index, stored.applicant_id_index);
    assert.equal(new KeyRing([K2]).open(plan.values.fields, caseValueContext('case-1', 'fields')), FIELDS);
  });

  it('recomputes an index made under an older index key in rotation mode', () => {
    const stored = protectCaseRow(ring1, plainRow());
    const plan = planRowRewrite(new KeyRing([K1, K2], ['k2', 'k1']), stored, 'current');
    assert.ok(plan.kind === 'update' && plan.reindexed && plan.reencrypted === 0);
    assert.equal(plan.values.applicant_id_index, new KeyRing([K2]).blindIndex(APPLICANT));
  });

  it('reports, never encrypts as plain, values that are neither plain nor openable', () => {
    const stored = protectCaseRow(ring1, plainRow());
    const problems: [Partial<StoredCaseSecrets>, string, string][] = [
      [{ applicant_id_number: 'e2.k1.AAAA' }, 'applicant_id_number', 'format'],
      [{ applicant_id_number: 'E1.k1.AAAA' }, 'applicant_id_number', 'format'],
      [{ applicant_id_number: '4207041988' }, 'applicant_id_number', 'format'],
      [{ fields: '[1,2]' }, 'fields', 'format'],
      [{ fields: '{not json' }, 'fields', 'format'],
      [{ fields: stored.applicant_id_number }, 'fields', 'integrity'],
      [
        { applicant_id_number: new KeyRing([K2]).protect(APPLICANT, caseValueContext('case-1', 'applicant_id_number')) },
        'applicant_id_number',
        'unknown_key',
      ],
    ];
    for (const [change, column, reason] of problems) {
      assert.deepEqual(planRowRewrite(ring1, { ...stored, ...change }, 'current'), { kind: 'problem', column, reason }, JSON.stringify(change));
    }
  });
});
