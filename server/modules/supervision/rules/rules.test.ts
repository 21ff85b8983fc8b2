import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogMaterial } from '../../catalog/catalog.schema.ts';
import { DEFAULT_SUPERVISION_POLICY as P } from '../supervision-policy.ts';
import { findApprovalOverdue } from './approval-overdue.ts';
import type { CaptureLimitFacts } from './capture-limit-facts.ts';
import { findIncompleteAtAct, findIncompleteAtLimit } from './incomplete.ts';
import { findLateUpload } from './late-upload.ts';
import { findNotUploaded } from './not-uploaded.ts';
import { findSupplement } from './supplement.ts';

const material = (code: string, minPages: number, required = true): CatalogMaterial => ({
  code,
  name: code,
  nameEn: code,
  required,
  minPages,
  verifyOriginal: false,
});
const MATERIALS = [material('id-card', 2), material('form', 1), material('photo', 1, false)];
const DEADLINE = '2026-12-02T00:00:00.000Z';
const AFTER = '2026-12-02T06:00:00.000Z';

function limitFacts(pages: CaptureLimitFacts['pages'], closedAt: string | null = null): CaptureLimitFacts {
  return { caseId: 'c1', unitId: 'u1', captureDeadline: DEADLINE, closedAt, materials: MATERIALS, pages };
}
const page = (materialCode: string, capturedAt: string, removedAt: string | null = null) => ({ materialCode, capturedAt, removedAt });

describe('warning rules, as pure functions of their facts', () => {
  it('未上传 and 不齐全 read the pages as they stood at the limit plus grace, whatever came or went later', () => {
    const early = '2026-12-01T10:00:00.000Z';
    assert.equal(findNotUploaded(limitFacts([]), P.not_uploaded, AFTER)?.factKey, 'c1');
    assert.equal(findNotUploaded(limitFacts([]), P.not_uploaded, DEADLINE), null, 'not before the limit has passed');
    assert.equal(findNotUploaded(limitFacts([page('form', early)]), P.not_uploaded, AFTER), null);
    assert.ok(
      findNotUploaded(limitFacts([page('form', '2026-12-02T03:00:00.000Z')]), P.not_uploaded, AFTER),
      'a page after the limit does not count',
    );
    assert.ok(findNotUploaded(limitFacts([page('form', early, '2026-12-01T11:00:00.000Z')]), P.not_uploaded, AFTER), 'removed before the limit');
    assert.equal(findNotUploaded(limitFacts([], '2026-12-01T12:00:00.000Z'), P.not_uploaded, AFTER), null, 'withdrawn before the limit');
    assert.ok(findNotUploaded(limitFacts([], '2026-12-02T01:00:00.000Z'), P.not_uploaded, AFTER), 'withdrawn after it');
    assert.equal(findNotUploaded(limitFacts([]), { enabled: true, graceHours: 8 }, AFTER), null, 'within the grace');

    const partial = findIncompleteAtLimit(limitFacts([page('id-card', early), page('form', early)]), P.incomplete, AFTER);
    assert.deepEqual(
      partial?.detail.missing,
      [{ code: 'id-card', name: 'id-card', nameEn: 'id-card', minPages: 2, pagesCaptured: 1 }],
      'the optional photo is not missing',
    );
    assert.equal(findIncompleteAtLimit(limitFacts([]), P.incomplete, AFTER), null, 'nothing at all is 未上传, not 不齐全');
    const complete = [page('id-card', early), page('id-card', early), page('form', early)];
    assert.equal(findIncompleteAtLimit(limitFacts(complete), P.incomplete, AFTER), null);
    assert.equal(findIncompleteAtLimit(limitFacts(complete), { enabled: false, graceHours: 0 }, AFTER), null);
  });

  it('不齐全 at submission or completion: the pages the case has against the catalog', () => {
    const facts = { caseId: 'c1', unitId: 'u1', act: 'complete' as const, at: AFTER, materials: MATERIALS };
    const found = findIncompleteAtAct(facts, new Map([['id-card', 2]]), P.incomplete);
    assert.equal(found?.factKey, 'c1');
    assert.equal(found?.detail.moment, 'complete');
    assert.equal(
      findIncompleteAtAct(
        facts,
        new Map([
          ['id-card', 2],
          ['form', 1],
        ]),
        P.incomplete,
      ),
      null,
    );
  });

  it('超期上传 by the late flag and the hours set; 补录 keyed by its act, after submission only when asked', () => {
    const captured = { caseId: 'c1', unitId: 'u1', captureDeadline: DEADLINE, capturedAt: AFTER, materialCode: 'form', pages: 2, late: true };
    assert.equal(findLateUpload(captured, P.late_upload)?.detail.hoursLate, 6);
    assert.equal(findLateUpload(captured, { enabled: true, minHoursLate: 6 }), null);
    assert.equal(findLateUpload({ ...captured, late: false }, P.late_upload), null);
    const supplemented = { ...captured, reason: '补', afterSubmission: false };
    assert.equal(findSupplement(supplemented, P.supplement)?.factKey, `c1/${AFTER}`);
    assert.equal(findSupplement(supplemented, { enabled: true, afterSubmissionOnly: true }), null);
    assert.ok(findSupplement({ ...supplemented, afterSubmission: true }, { enabled: true, afterSubmissionOnly: true }));
  });

  it('审批超期 past the limit plus the level’s hours, keyed by case, submission and level', () => {
    const pending = {
      caseId: 'c1',
      caseUnitId: 's1',
      submittedAt: '2026-12-01T00:00:00.000Z',
      approvalDeadline: DEADLINE,
      level: 'branch' as const,
      levelUnitId: 'b1',
    };
    const found = findApprovalOverdue(pending, P.approval_overdue, AFTER);
    assert.equal(found?.factKey, 'c1/2026-12-01T00:00:00.000Z/branch');
    assert.equal(found?.unitId, 'b1');
    assert.equal(found?.caseUnitId, 's1');
    assert.equal(findApprovalOverdue(pending, P.approval_overdue, DEADLINE), null, 'at the deadline itself: not yet');
    const lenient = { enabled: true, hoursOverdue: { station: 0, branch: 12, city: 0 } };
    assert.equal(findApprovalOverdue(pending, lenient, AFTER), null);
    assert.ok(findApprovalOverdue({ ...pending, level: 'city' }, lenient, AFTER));
  });
});
