import type { Kysely } from 'kysely';

/**
 * Citizen ID numbers at rest (docs/CRYPTO.md, "Citizen ID numbers at rest"). This migration only
 * changes the schema; it cannot encrypt, because migrations run without the configured keys. The
 * rows themselves are converted right after migrations by protectExistingRows
 * (server/modules/population/protect-existing-rows.ts), which finds them by their missing blind
 * index and, value by value, by format (a value not in the `e1.` format is plain).
 *
 * - `cases.applicant_id_index`: the keyed blind index of the applicant's number
 *   (`<keyId>.<base64url>`), null only on rows not yet converted;
 * - the plain index on `applicant_id_number` goes: it keeps a sorted copy of every number, and an
 *   encrypted value (random IV) can only be found through the blind index anyway;
 * - `data_maintenance` holds storage work still owed, so that it survives an interruption. The
 *   plain values a conversion overwrites stay in free database pages (and the SQLite WAL) until
 *   the table is rewritten; the task recorded here makes the data step compact `cases` after the
 *   conversion, and again at the next start if the process stopped before it was done.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite, Kysely runs a migration outside a transaction, so a
  // crash part-way leaves the earlier steps in place and the whole migration runs again.
  const cases = (await db.introspection.getTables()).find((t) => t.name === 'cases');
  if (!cases?.columns.some((c) => c.name === 'applicant_id_index')) {
    await db.schema.alterTable('cases').addColumn('applicant_id_index', 'text').execute();
  }
  await db.schema.createIndex('cases_id_index').ifNotExists().on('cases').column('applicant_id_index').execute();
  await db.schema.dropIndex('cases_id_number').ifExists().execute();
  await db.schema
    .createTable('data_maintenance')
    .ifNotExists()
    .addColumn('task', 'text', (c) => c.primaryKey())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('data_maintenance')
    .values({ task: 'compact-cases', requested_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('task').doNothing())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('0005_id_numbers_at_rest cannot be reverted: the data are encrypted; restore a backup instead');
}
