import type { Kysely } from 'kysely';
import type { AuditEventsTable, BlobsTable, Database } from '../../db/schema.ts';

/** The SQL of `hukou verify`: pages of the trail and of the blob records, and acts without their event. */
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
