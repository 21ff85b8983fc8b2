import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { dialectOps } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { ProtectedCaseValues, StoredCaseSecrets } from './case-protection.ts';

type Q = Kysely<Database> | Tx;

const SECRET_COLUMNS = ['id', 'applicant_id_number', 'fields', 'applicant_id_index'] as const;

/** Rows not yet converted (no blind index), in no particular order; `skip` holds rows already found unconvertible. */
export function listUnindexedCases(db: Q, limit: number, skip: readonly string[]): Promise<StoredCaseSecrets[]> {
  let query = db.selectFrom('cases').select(SECRET_COLUMNS).where('applicant_id_index', 'is', null);
  if (skip.length > 0) query = query.where('id', 'not in', skip);
  return query.limit(limit).execute();
}

/** The next rows in id order after `afterId` (keyset pagination: each page costs the same). */
export function listCasesAfter(db: Q, afterId: string | null, limit: number): Promise<StoredCaseSecrets[]> {
  let query = db.selectFrom('cases').select(SECRET_COLUMNS);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

export function listCasesByIds(db: Q, ids: readonly string[]): Promise<StoredCaseSecrets[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('cases').select(SECRET_COLUMNS).where('id', 'in', ids).orderBy('id').execute();
}

/** The most recently accepted case that has been converted: the start-up check of the keys reads it. */
export function findNewestIndexedCase(db: Q): Promise<StoredCaseSecrets | undefined> {
  return db
    .selectFrom('cases')
    .select(SECRET_COLUMNS)
    .where('applicant_id_index', 'is not', null)
    .orderBy('accepted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Writes a row's new protected values only if its stored ones are still those the rewrite read
 * (compare-and-set), so a rewrite running beside the server never overwrites a newer write. The
 * row's version and updated_at stay: its content has not changed, and an act's optimistic check
 * must not fail because of a rotation.
 */
export async function replaceCaseSecrets(tx: Tx, expected: StoredCaseSecrets, values: ProtectedCaseValues): Promise<boolean> {
  const result = await tx
    .updateTable('cases')
    .set(values)
    .where('id', '=', expected.id)
    .where('applicant_id_number', '=', expected.applicant_id_number)
    .where('fields', '=', expected.fields)
    .where('applicant_id_index', expected.applicant_id_index === null ? 'is' : '=', expected.applicant_id_index)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function requestMaintenance(db: Q, task: string, at: string): Promise<void> {
  await db
    .insertInto('data_maintenance')
    .values({ task, requested_at: at })
    .onConflict((oc) => oc.column('task').doNothing())
    .execute();
}

export async function isMaintenancePending(db: Q, task: string): Promise<boolean> {
  return (await db.selectFrom('data_maintenance').select('task').where('task', '=', task).executeTakeFirst()) !== undefined;
}

export async function completeMaintenance(db: Q, task: string): Promise<void> {
  await db.deleteFrom('data_maintenance').where('task', '=', task).execute();
}

const POLL_MS = 20;
const DEFAULT_WAIT_MS = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL keeps a dead row version through VACUUM FULL while any snapshot might still see it,
 * and the VACUUM's own snapshot counts: its xmin is the oldest transaction running anywhere in the
 * cluster, so one open transaction in another database is enough to keep the plain values just
 * overwritten. This waits, within a bound, until every transaction older than now has ended and no
 * session of this database holds an older snapshot (and no replication slot an older xmin).
 */
async function waitForOlderSnapshots(db: Kysely<Database>, timeoutMs: number): Promise<boolean> {
  const {
    rows: [current],
  } = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(db);
  if (!current) throw new Error('PostgreSQL gave no current transaction id');
  const mark = current.xid;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const {
      rows: [state],
    } = await sql<{ clear: boolean }>`
      select pg_snapshot_xmin(pg_current_snapshot()) > ${mark}::xid8
        and not exists (select 1 from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                          and backend_xmin is not null and age(backend_xmin) > age(${mark}::xid8::xid))
        and not exists (select 1 from pg_replication_slots where xmin is not null and age(xmin) > age(${mark}::xid8::xid)) as clear`.execute(db);
    if (state?.clear) return true;
    if (Date.now() >= deadline) return false;
    await pause(POLL_MS);
  }
}

/**
 * Rewrites the storage of `cases` so that values overwritten in it (plain ID numbers, values under
 * a retired key) leave no copy behind in free pages. SQLite: VACUUM rebuilds the whole file
 * through the WAL, then a TRUNCATE checkpoint copies it back and empties the WAL, which also held
 * the old pages. PostgreSQL: once no snapshot can see the old row versions, VACUUM FULL writes the
 * table and its indexes to new files and drops the old ones (pg_wal, WAL archives and backups keep
 * theirs until they age out). Returns false when it could not finish (SQLite: readers kept the WAL
 * busy; PostgreSQL: an old transaction stayed open); the caller then keeps the task for later.
 */
export async function compactCasesStorage(db: Db, options: { waitMs?: number } = {}): Promise<boolean> {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  // Which statements rewrite a table is the one thing here that differs by dialect; it belongs in
  // db/dialect.ts's DialectOps once that file takes it.
  if (dialectOps(db.kysely).name === 'postgres') {
    if (!(await waitForOlderSnapshots(db.kysely, waitMs))) return false;
    await sql`vacuum (full, analyze) cases`.execute(db.kysely);
    return true;
  }
  await sql`vacuum`.execute(db.kysely);
  // better-sqlite3 waits in the busy handler on the event loop: poll without it instead.
  const {
    rows: [setting],
  } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.kysely);
  await sql`pragma busy_timeout = 0`.execute(db.kysely);
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { rows } = await sql<{ busy: number; log: number; checkpointed: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db.kysely);
      if (rows[0]?.busy === 0) return true;
      // A reader still on an older snapshot, or the background checkpoint thread for a moment.
      if (Date.now() >= deadline) return false;
      await pause(POLL_MS);
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${Number(setting!.timeout)}`).execute(db.kysely);
  }
}
