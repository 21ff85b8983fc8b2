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

/** The stored tile roots (hex) of tiles below `belowTile`, by tile. */
export async function listTileRoots(db: Q, belowTile: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('audit_tree_tiles').select(['tile', 'root_hash']).where('tile', '<', belowTile).execute();
  return new Map(rows.map((row) => [Number(row.tile), row.root_hash]));
}

/** The first tile not yet stored after the last one stored (tiles are written in order). */
export async function nextTileToStore(db: Q): Promise<number> {
  const row = await db
    .selectFrom('audit_tree_tiles')
    .select((eb) => eb.fn.max('tile').as('last'))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function insertTileRoots(db: Q, rows: { tile: number; root_hash: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('audit_tree_tiles')
    .values(rows)
    .onConflict((oc) => oc.column('tile').doNothing())
    .execute();
}
