import type { Kysely } from 'kysely';
import type { AuditEventsTable, BlobsTable, Database } from '../../db/schema.ts';

/**
 * The SQL of `hukou verify` and of the storage sweeps (server/jobs): pages of the trail and of the
 * blob records, acts without their event, which stored files have rows, and fixity bookkeeping.
 */
export function listAuditEventsFrom(db: Kysely<Database>, fromSeq: number, limit: number): Promise<AuditEventsTable[]> {
  return db.selectFrom('audit_events').selectAll().where('seq', '>=', fromSeq).orderBy('seq').limit(limit).execute();
}

/** Case acts with no 'ok' audit event by the same person at the same instant on the same case. */
export function listUnauditedCaseActions(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('case_actions as a')
    .leftJoin('audit_events as e', (join) =>
      join.onRef('e.case_id', '=', 'a.case_id').onRef('e.at', '=', 'a.at').on('e.outcome', '=', 'ok').onRef('e.actor_id', '=', 'a.actor_id'),
    )
    .select(['a.case_id', 'a.seq', 'a.action'])
    .where('e.seq', 'is', null)
    .orderBy('a.case_id')
    .orderBy('a.seq')
    .limit(limit)
    .execute();
}

export function listBlobsAfter(db: Kysely<Database>, afterSha256: string, limit: number): Promise<BlobsTable[]> {
  return db.selectFrom('blobs').selectAll().where('sha256', '>', afterSha256).orderBy('sha256').limit(limit).execute();
}

/** Which of these addresses have a `blobs` row. */
export async function recordedBlobs(db: Kysely<Database>, sha256s: string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db.selectFrom('blobs').select('sha256').where('sha256', 'in', sha256s).execute();
  return new Set(rows.map((row) => row.sha256));
}

/**
 * Whether any row points to the blob: its own record, a page, a portrait or a notice. Every row that
 * points to a blob has a `blobs` row too; asking them all keeps the orphan sweep safe even if one did not.
 */
export async function isBlobReferenced(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const found = await db
    .selectFrom('blobs')
    .select('sha256')
    .where('sha256', '=', sha256)
    .union(db.selectFrom('case_images').select('blob_sha256 as sha256').where('blob_sha256', '=', sha256))
    .union(db.selectFrom('case_portraits').select('blob_sha256 as sha256').where('blob_sha256', '=', sha256))
    .union(db.selectFrom('notices').select('blob_sha256 as sha256').where('blob_sha256', '=', sha256))
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

/** The cases whose pages, portrait or notice are this blob, for the audit event of a failed fixity check. */
export async function casesOfBlob(db: Kysely<Database>, sha256: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_images')
    .select('case_id')
    .where('blob_sha256', '=', sha256)
    .union(db.selectFrom('case_portraits').select('case_id').where('blob_sha256', '=', sha256))
    .union(db.selectFrom('notices').select('case_id').where('blob_sha256', '=', sha256))
    .union(db.selectFrom('notices').select('case_id').where('ofd_blob_sha256', '=', sha256))
    .execute();
  return rows.map((row) => row.case_id).sort();
}

export async function countBlobs(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('blobs')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The blobs whose fixity is most overdue: never checked first, then the oldest check. Two queries,
 * because PostgreSQL sorts nulls last and an index on the column serves `is null` and an ascending
 * walk of the rest, but not both in one order.
 */
export async function listFixityDue(db: Kysely<Database>, limit: number): Promise<BlobsTable[]> {
  if (limit <= 0) return [];
  const never = await db
    .selectFrom('blobs')
    .selectAll()
    .where('fixity_checked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('sha256')
    .limit(limit)
    .execute();
  if (never.length >= limit) return never;
  const oldest = await db
    .selectFrom('blobs')
    .selectAll()
    .where('fixity_checked_at', 'is not', null)
    .orderBy('fixity_checked_at')
    .orderBy('sha256')
    .limit(limit - never.length)
    .execute();
  return [...never, ...oldest];
}

export async function markFixityChecked(db: Kysely<Database>, sha256s: string[], at: string): Promise<void> {
  if (sha256s.length === 0) return;
  await db.updateTable('blobs').set({ fixity_checked_at: at }).where('sha256', 'in', sha256s).execute();
}

/** When the last fixity check that found a blob intact ran; null before the first. */
export async function latestFixityCheck(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('blobs')
    .select((eb) => eb.fn.max('fixity_checked_at').as('at'))
    .executeTakeFirst();
  return row?.at ?? null;
}
