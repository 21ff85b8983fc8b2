import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogSubtype } from '../catalog/catalog.schema.ts';
import type { CaseAct } from './workflow.ts';
import {
  type CaseProjection,
  type LoggedAction,
  PROJECTED_COLUMNS,
  projectCase,
  projectedColumns,
  projectionDrift,
  stationActorIds,
} from './case-projection.ts';

const LIMITS: Pick<CatalogSubtype, 'approvalChain' | 'captureLimitHours' | 'approvalLimitHours'> = {
  approvalChain: ['station', 'branch'],
  captureLimitHours: 72,
  approvalLimitHours: 120,
};

function log(...entries: [CaseAct, string, string][]): LoggedAction[] {
  return entries.map(([action, actorId, at], seq) => ({ seq, action, actorId, at }));
}

/** Accepted, returned by the station leader, verified again by another officer and resubmitted, then decided and completed. */
const COMPLETED_AFTER_RETURN = log(
  ['accept', 'u-a', '2026-11-30T01:00:00.000Z'],
  ['capture', 'u-x', '2026-11-30T02:00:00.000Z'],
  ['verify', 'u-b', '2026-11-30T03:00:00.000Z'],
  ['submit', 'u-c', '2026-11-30T04:00:00.000Z'],
  ['return', 'u-l', '2026-11-30T05:00:00.000Z'],
  ['capture', 'u-x', '2026-12-01T01:30:00.000Z'],
  ['verify', 'u-d', '2026-12-01T02:00:00.000Z'],
  ['submit', 'u-a', '2026-12-01T03:00:00.000Z'],
  ['review', 'u-l', '2026-12-01T06:00:00.000Z'],
  ['approve', 'u-r', '2026-12-02T08:00:00.000Z'],
  ['complete', 'u-a', '2026-12-02T09:15:00.000Z'],
);

const COMPLETED_PROJECTION: CaseProjection = {
  status: 'completed',
  chain_step: 1,
  accepted_by: 'u-a',
  accepted_at: '2026-11-30T01:00:00.000Z',
  capture_deadline: '2026-12-03T01:00:00.000Z', // + 72 h
  submitted_at: '2026-12-01T03:00:00.000Z', // the second submission counts
  approval_deadline: '2026-12-06T03:00:00.000Z', // + 120 h from it
  decided_at: '2026-12-02T08:00:00.000Z',
  closed_at: '2026-12-02T09:15:00.000Z',
  version: 10,
  updated_at: '2026-12-02T09:15:00.000Z',
};

describe('projectCase', () => {
  it('projects a case that went through a return, with hand-computed dates', () => {
    assert.deepEqual(projectCase(COMPLETED_AFTER_RETURN, LIMITS), COMPLETED_PROJECTION);
  });

  it('projects a case just accepted: no submission, decision or closing yet', () => {
    assert.deepEqual(projectCase(log(['accept', 'u-a', '2026-11-29T16:30:00.000Z']), LIMITS), {
      status: 'accepted',
      chain_step: 0,
      accepted_by: 'u-a',
      accepted_at: '2026-11-29T16:30:00.000Z',
      capture_deadline: '2026-12-02T16:30:00.000Z',
      submitted_at: null,
      approval_deadline: null,
      decided_at: null,
      closed_at: null,
      version: 0,
      updated_at: '2026-11-29T16:30:00.000Z',
    });
  });

  it('projects a case under review at the second level: submitted, not decided', () => {
    const underReview = log(
      ['accept', 'u-a', '2026-11-30T01:00:00.000Z'],
      ['verify', 'u-a', '2026-11-30T01:10:00.000Z'],
      ['submit', 'u-a', '2026-11-30T01:20:00.000Z'],
      ['review', 'u-l', '2026-11-30T07:45:00.000Z'],
    );
    assert.deepEqual(projectCase(underReview, { ...LIMITS, captureLimitHours: 24, approvalLimitHours: 48 }), {
      status: 'submitted',
      chain_step: 1,
      accepted_by: 'u-a',
      accepted_at: '2026-11-30T01:00:00.000Z',
      capture_deadline: '2026-12-01T01:00:00.000Z',
      submitted_at: '2026-11-30T01:20:00.000Z',
      approval_deadline: '2026-12-02T01:20:00.000Z',
      decided_at: null,
      closed_at: null,
      version: 3,
      updated_at: '2026-11-30T07:45:00.000Z',
    });
  });

  it('closes a withdrawn case at its withdrawal', () => {
    const withdrawn = log(
      ['accept', 'u-a', '2026-11-30T01:00:00.000Z'],
      ['capture', 'u-x', '2026-11-30T01:05:00.000Z'],
      ['withdraw', 'u-a', '2026-11-30T02:00:00.000Z'],
    );
    const projection = projectCase(withdrawn, LIMITS);
    assert.equal(projection.status, 'withdrawn');
    assert.equal(projection.closed_at, '2026-11-30T02:00:00.000Z');
    assert.equal(projection.submitted_at, null);
    assert.equal(projection.version, 2);
  });

  it('refuses a log that does not start with accept, or that breaks the workflow', () => {
    const refusal = { message: 'an action log starts with accept or import_history' };
    assert.throws(() => projectCase([], LIMITS), refusal);
    assert.throws(() => projectCase(log(['verify', 'u-a', '2026-11-30T01:00:00.000Z']), LIMITS), refusal);
    assert.throws(() => projectCase(log(['accept', 'u-a', '2026-11-30T01:00:00.000Z'], ['approve', 'u-r', '2026-11-30T02:00:00.000Z']), LIMITS), {
      message: 'Act approve cannot follow status accepted',
    });
  });
});

describe('projectedColumns and projectionDrift', () => {
  const COLUMNS = [
    'status',
    'chain_step',
    'accepted_by',
    'accepted_at',
    'capture_deadline',
    'submitted_at',
    'approval_deadline',
    'decided_at',
    'closed_at',
    'version',
    'updated_at',
  ] as const;

  it('names exactly the columns the log decides', () => {
    assert.deepEqual([...PROJECTED_COLUMNS], COLUMNS);
  });

  it('keeps only the projected columns of a full case row', () => {
    const row = { ...COMPLETED_PROJECTION, id: 'case-1', case_no: '2012026113000001', applicant_name: '张三', fields: '{}' };
    assert.deepEqual(projectedColumns(row), COMPLETED_PROJECTION);
  });

  it('finds no drift in a row that matches its log', () => {
    assert.deepEqual(projectionDrift({ ...COMPLETED_PROJECTION }, COMPLETED_PROJECTION), []);
  });

  it('names each edited column, in column order', () => {
    const edits: Record<(typeof COLUMNS)[number], unknown> = {
      status: 'approved',
      chain_step: 0,
      accepted_by: 'u-z',
      accepted_at: '2026-11-30T00:00:00.000Z',
      capture_deadline: '2026-12-09T01:00:00.000Z',
      submitted_at: null,
      approval_deadline: '2027-01-01T00:00:00.000Z',
      decided_at: null,
      closed_at: null,
      version: 9,
      updated_at: '2026-12-02T09:16:00.000Z',
    };
    for (const column of COLUMNS) {
      const stored = { ...COMPLETED_PROJECTION, [column]: edits[column] };
      assert.deepEqual(projectionDrift(stored, COMPLETED_PROJECTION), [column], column);
    }
    const twice = { ...COMPLETED_PROJECTION, closed_at: null, status: 'approved' } as CaseProjection;
    assert.deepEqual(projectionDrift(twice, COMPLETED_PROJECTION), ['status', 'closed_at']);
  });
});

describe('stationActorIds', () => {
  it('lists whoever accepted, verified or submitted, once each, in order of first act', () => {
    // u-a accepted and resubmitted, u-b and u-d verified, u-c submitted. u-x only captured, u-l returned
    // and reviewed, u-r approved: none of them acted for the station.
    assert.deepEqual(stationActorIds(COMPLETED_AFTER_RETURN), ['u-a', 'u-b', 'u-c', 'u-d']);
  });

  it('lists nobody for an empty log', () => {
    assert.deepEqual(stationActorIds([]), []);
  });
});
