import type { CasesTable } from '../../db/schema.ts';
import type { CatalogSubtype } from '../catalog/catalog.schema.ts';
import { type CaseAct, deriveState, OPENING_ACTS } from './workflow.ts';

const HOUR = 3_600_000;

/** One entry of a case's append-only action log, as the projection reads it. */
export interface LoggedAction {
  seq: number;
  action: CaseAct;
  actorId: string;
  at: string;
}

/** The columns of `cases` that follow from the action log; nothing else may write them. */
export const PROJECTED_COLUMNS = [
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
] as const satisfies readonly (keyof CasesTable)[];

export type ProjectedColumn = (typeof PROJECTED_COLUMNS)[number];
export type CaseProjection = Pick<CasesTable, ProjectedColumn>;

type Limits = Pick<CatalogSubtype, 'approvalChain' | 'captureLimitHours' | 'approvalLimitHours'>;

function lastAt(log: readonly LoggedAction[], acts: readonly CaseAct[]): string | null {
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i];
    if (entry && acts.includes(entry.action)) return entry.at;
  }
  return null;
}

function plusHours(at: string, hours: number): string {
  return new Date(Date.parse(at) + hours * HOUR).toISOString();
}

/**
 * The stored case as its action log says it must be. Acts write exactly this (act-runner), and
 * `hukou verify` recomputes it for every case, so an edited status or date cannot go unnoticed.
 * Throws when the log itself is impossible (it does not start with accept, or an act does not fit).
 */
export function projectCase(log: readonly LoggedAction[], subtype: Limits): CaseProjection {
  const first = log[0];
  const last = log[log.length - 1];
  if (!first || !last || !OPENING_ACTS.has(first.action)) throw new Error('an action log starts with accept or import_history');
  const state = deriveState(
    log.map((entry) => entry.action),
    subtype.approvalChain,
  );
  const submittedAt = lastAt(log, ['submit']);
  return {
    status: state.status,
    chain_step: state.chainStep,
    accepted_by: first.actorId,
    accepted_at: first.at,
    capture_deadline: plusHours(first.at, subtype.captureLimitHours),
    submitted_at: submittedAt,
    approval_deadline: submittedAt ? plusHours(submittedAt, subtype.approvalLimitHours) : null,
    decided_at: lastAt(log, ['approve']),
    closed_at: lastAt(log, ['complete', 'withdraw', 'import_history']),
    version: log.length - 1,
    updated_at: last.at,
  };
}

/** Exactly the projected columns of a row that may hold more: what an act writes to the case. */
export function projectedColumns(row: CaseProjection): CaseProjection {
  return {
    status: row.status,
    chain_step: row.chain_step,
    accepted_by: row.accepted_by,
    accepted_at: row.accepted_at,
    capture_deadline: row.capture_deadline,
    submitted_at: row.submitted_at,
    approval_deadline: row.approval_deadline,
    decided_at: row.decided_at,
    closed_at: row.closed_at,
    version: row.version,
    updated_at: row.updated_at,
  };
}

/** The projected columns whose stored value differs from what the log says. */
export function projectionDrift(stored: CaseProjection, projected: CaseProjection): ProjectedColumn[] {
  return PROJECTED_COLUMNS.filter((column) => stored[column] !== projected[column]);
}

/**
 * Everyone who acted for the station on this case: whoever accepted, verified or submitted it
 * (after a return too) may not then decide it at any level.
 */
export function stationActorIds(log: readonly LoggedAction[]): string[] {
  return [...new Set(log.filter((e) => e.action === 'accept' || e.action === 'verify' || e.action === 'submit').map((e) => e.actorId))];
}
