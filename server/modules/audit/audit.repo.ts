import { dialectOps } from '../../db/dialect.ts';
import type { AuditEventsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditAction, AuditOutcome } from './audit-actions.ts';
import { auditEventHash, CURRENT_LINK, GENESIS_HASH } from './audit-hash.ts';

export interface AuditEventInput {
  at: string;
  actorId: string | null;
  actorUnitId: string | null;
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  caseId?: string | null;
  outcome: AuditOutcome;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends one event to the hash chain inside the caller's transaction, so the event commits with
 * the change it records or not at all. The chain lock (dialect.ts) is held to commit.
 */
export async function appendAuditEvent(tx: Tx, input: AuditEventInput): Promise<AuditEventsTable> {
  await dialectOps(tx).lockAuditChain(tx);
  const last = await tx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const unhashed = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actor_id: input.actorId,
    actor_unit_id: input.actorUnitId,
    action: input.action,
    object_type: input.objectType,
    object_id: input.objectId,
    case_id: input.caseId ?? null,
    outcome: input.outcome,
    reason: input.reason ?? null,
    detail: JSON.stringify(input.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
    link: CURRENT_LINK,
  };
  const row = { ...unhashed, hash: auditEventHash(unhashed) };
  await tx.insertInto('audit_events').values(row).execute();
  return row;
}

/** A case's events in order, each with the display name of whoever acted (null for the system). */
export function listCaseAuditEvents(db: Kysely<Database>, caseId: string): Promise<(AuditEventsTable & { actor_name: string | null })[]> {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .selectAll('audit_events')
    .select('users.display_name as actor_name')
    .where('audit_events.case_id', '=', caseId)
    .orderBy('audit_events.seq')
    .execute();
}

/** What the audit administrator narrows the trail to; every field optional, all of them must hold. */
export interface AuditTrailFilter {
  /** An exact action (case.accept) or a family of them (admin.). */
  action?: string;
  outcome?: AuditOutcome;
  /** The user name of whoever acted. */
  actor?: string;
  objectType?: string;
  objectId?: string;
  caseId?: string;
  /** ISO-8601 UTC instants, inclusive. */
  from?: string;
  to?: string;
}

export type AuditTrailPage = { order: 'asc'; afterSeq: number; limit: number } | { order: 'desc'; beforeSeq: number | null; limit: number };

export type AuditTrailRow = AuditEventsTable & { actor_username: string | null; actor_name: string | null; actor_unit_name: string | null };

/**
 * A page of the trail, oldest first after a cursor or newest first before one, each event with the
 * name of whoever acted and of their unit. Keyset pagination on seq, so a page costs the same deep
 * in a trail of millions of rows.
 */
export function listAuditTrail(db: Kysely<Database>, filter: AuditTrailFilter, page: AuditTrailPage): Promise<AuditTrailRow[]> {
  let query = db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .leftJoin('units', 'units.id', 'audit_events.actor_unit_id')
    .selectAll('audit_events')
    .select(['users.username as actor_username', 'users.display_name as actor_name', 'units.name as actor_unit_name']);
  // The trail keeps whatever action text was stored (present-audit-event.ts), so it is matched as text.
  const action = sql.ref<string>('audit_events.action');
  if (filter.action?.endsWith('.')) query = query.where(action, 'like', `${filter.action}%`);
  else if (filter.action) query = query.where(action, '=', filter.action);
  if (filter.outcome) query = query.where('audit_events.outcome', '=', filter.outcome);
  if (filter.actor) query = query.where('users.username', '=', filter.actor);
  if (filter.objectType) query = query.where('audit_events.object_type', '=', filter.objectType);
  if (filter.objectId) query = query.where('audit_events.object_id', '=', filter.objectId);
  if (filter.caseId) query = query.where('audit_events.case_id', '=', filter.caseId);
  if (filter.from) query = query.where('audit_events.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_events.at', '<=', filter.to);
  if (page.order === 'asc') return query.where('audit_events.seq', '>', page.afterSeq).orderBy('audit_events.seq', 'asc').limit(page.limit).execute();
  if (page.beforeSeq !== null) query = query.where('audit_events.seq', '<', page.beforeSeq);
  return query.orderBy('audit_events.seq', 'desc').limit(page.limit).execute();
}
