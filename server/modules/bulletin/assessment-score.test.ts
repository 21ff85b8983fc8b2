import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessmentScore, SCORE_WEIGHTS, share } from './assessment-score.ts';
import { addFigures, type BulletinFigures, emptyFigures } from './bulletin-figures.ts';
import { bulletinMonth } from './bulletin-month.ts';
import { bulletinRows } from './bulletin-report.ts';

const figures = (values: Partial<BulletinFigures>): BulletinFigures => addFigures(emptyFigures(), values);

describe('assessment score (考核得分)', () => {
  it('weights add up to 100, so a unit failing everything scores 0', () => {
    assert.equal(
      Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0),
      100,
    );
    const worst = figures({
      accepted: 10,
      captureDue: 10,
      capturedInTime: 0,
      nonCompliant: 12,
      overdueApprovals: 10,
      lateCases: 10,
      supplementCases: 10,
      spotChecked: 4,
      spotFindings: 4,
    });
    assert.equal(assessmentScore(worst).score, 0);
  });

  it('a clean month scores 100, and a month without business too', () => {
    assert.equal(assessmentScore(figures({ accepted: 40, captureDue: 40, capturedInTime: 40, spotChecked: 5 })).score, 100);
    assert.equal(assessmentScore(emptyFigures()).score, 100);
  });

  it('takes off each weight times its share: a worked example', () => {
    // 20 accepted, 16 due of which 12 in time: 30 × 4/16 = 7.5; 2 non-compliant: 25 × 2/20 = 2.5;
    // 1 overdue approval: 15 × 1/20 = 0.75 → 0.8; 3 late: 10 × 3/20 = 1.5; 1 补录: 10 × 1/20 = 0.5;
    // 1 finding in 3 checked: 10 × 1/3 = 3.3. 100 − 16.1 = 83.9.
    const result = assessmentScore(
      figures({
        accepted: 20,
        captureDue: 16,
        capturedInTime: 12,
        nonCompliant: 2,
        overdueApprovals: 1,
        lateCases: 3,
        supplementCases: 1,
        spotChecked: 3,
        spotFindings: 1,
      }),
    );
    assert.deepEqual(result.deductions, {
      captureLate: 7.5,
      nonCompliant: 2.5,
      overdueApprovals: 0.8,
      lateCases: 1.5,
      supplementCases: 0.5,
      spotFindings: 3.3,
    });
    assert.equal(result.score, 83.9);
  });

  it('caps each share at 1 and counts an occurrence without a denominator as the whole share', () => {
    assert.equal(share(5, 2), 1);
    assert.equal(share(1, 0), 1);
    assert.equal(share(0, 0), 0);
    // Overdue approvals at a level with no accepted cases of its own subtree this month still cost the whole 15.
    assert.equal(assessmentScore(figures({ overdueApprovals: 2 })).score, 85);
  });
});

describe('bulletin rows', () => {
  const city = { id: 'c', name: '市局', name_en: 'City', kind: 'city' as const, parent_id: null, path: '/c/' };
  const branch = { id: 'b', name: '分局', name_en: 'Branch', kind: 'branch' as const, parent_id: 'c', path: '/c/b/' };
  const s1 = { id: 's1', name: '甲所', name_en: 'S1', kind: 'station' as const, parent_id: 'b', path: '/c/b/s1/' };
  const s2 = { id: 's2', name: '乙所', name_en: 'S2', kind: 'station' as const, parent_id: 'b', path: '/c/b/s2/' };

  it('rolls a branch and the city up over the units under them and scores the sums', () => {
    const own = new Map<string, Partial<BulletinFigures>>([
      ['s1', { accepted: 10, captureDue: 10, capturedInTime: 10 }],
      ['s2', { accepted: 10, captureDue: 10, capturedInTime: 5 }],
      ['b', { overdueApprovals: 2, spotChecksDone: 3 }],
    ]);
    const idle = { ...s2, id: 's3', name: '丙所', path: '/c/b/s3/' };
    const rows = bulletinRows([s2, city, idle, s1, branch], own);
    assert.deepEqual(
      rows.map((r) => r.unit.id),
      ['c', 'b', 's1', 's2', 's3'],
      'tree order',
    );
    assert.equal(rows.at(-1)!.score, null, 'nothing to assess: no score rather than a perfect one');
    const byId = new Map(rows.map((r) => [r.unit.id, r]));
    assert.equal(byId.get('s1')!.score, 100);
    // 30 × 5/10 = 15
    assert.equal(byId.get('s2')!.score, 85);
    // 20 accepted, 15 of 20 in time: 30 × 5/20 = 7.5; 2 overdue of 20: 15 × 0.1 = 1.5 → 91
    assert.equal(byId.get('b')!.figures.accepted, 20);
    assert.equal(byId.get('b')!.figures.spotChecksDone, 3);
    assert.equal(byId.get('b')!.score, 91);
    assert.deepEqual(byId.get('c')!.figures, byId.get('b')!.figures);
    assert.equal(byId.get('b')!.inTimeRate, 0.75);
  });
});

describe('bulletin month', () => {
  it('is the calendar month in Beijing time', () => {
    assert.deepEqual(bulletinMonth('2026-12'), {
      month: '2026-12',
      year: 2026,
      monthNo: 12,
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    assert.throws(() => bulletinMonth('2026-13'), RangeError);
  });
});
