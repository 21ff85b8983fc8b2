import type { Kysely } from 'kysely';
import type { AuditCheckpointsTable, Database } from '../../../db/schema.ts';
import type { Tx } from '../../../db/transaction.ts';

type Q = Kysely<Database> | Tx;

export function latestCheckpoint(db: Q): Promise<AuditCheckpointsTable | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
}

export function findCheckpoint(db: Q, treeSize: number): Promise<AuditCheckpointsTable | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().where('tree_size', '=', treeSize).executeTakeFirst();
}

export function listCheckpoints(db: Q): Promise<AuditCheckpointsTable[]> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('tree_size').execute();
}

export async function insertCheckpoint(db: Q, row: AuditCheckpointsTable): Promise<void> {
  await db.insertInto('audit_checkpoints').values(row).execute();
}

export async function countAuditEvents(db: Q): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** The chain hashes of events after `afterSeq` up to `untilSeq`, in order, a page at a time. */
export function listEventHashes(db: Q, afterSeq: number, untilSeq: number, limit: number): Promise<{ seq: number; hash: string }[]> {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .where('seq', '>', afterSeq)
    .where('seq', '<=', untilSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function findAuditEventHash(db: Q, seq: number): Promise<string | undefined> {
  return (await db.selectFrom('audit_events').select('hash').where('seq', '=', seq).executeTakeFirst())?.hash;
}

export async function lastEventAction(db: Q): Promise<string | undefined> {
  return (await db.selectFrom('audit_events').select('action').orderBy('seq', 'desc').limit(1).executeTakeFirst())?.action;
}
