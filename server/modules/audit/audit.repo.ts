import { dialectOps } from '../../db/dialect.ts';
import type { AuditEventsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditAction, AuditOutcome } from './audit-actions.ts';
import { auditEventHash, GENESIS_HASH } from './audit-hash.ts';

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

export async function listAuditEvents(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AuditEventsTable[]> {
  return db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}
