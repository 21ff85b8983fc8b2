import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The paper archive (纸质档案, 双轨制; docs/PAPER-ARCHIVE.md):
 *
 * - `paper_files`: where a decided case's paper original is filed at its station, once bound: box
 *   (盒号), volume (卷号) and sequence in the volume (件号), who bound it and when. A decided case
 *   without a row is 待装订 (awaiting binding). UNIQUE (unit_id, box_no, volume_no, sequence): one
 *   place holds one file, whoever races for it.
 * - `paper_file_actions`: each file's append-only log (bind, move with its reason), refused UPDATE
 *   and DELETE in the database itself like `case_actions`.
 * - `cases_unit_decided`: the overdue report and the station's list select decided cases of a unit by
 *   the instant they were decided.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction.
  await db.schema
    .createTable('paper_files')
    .ifNotExists()
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('box_no', 'text', (c) => c.notNull())
    .addColumn('volume_no', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('bound_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('bound_at', 'text', (c) => c.notNull())
    .addColumn('moved_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('paper_files_place', ['unit_id', 'box_no', 'volume_no', 'sequence'])
    .execute();

  await db.schema
    .createTable('paper_file_actions')
    .ifNotExists()
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('box_no', 'text', (c) => c.notNull())
    .addColumn('volume_no', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('paper_file_actions_pk', ['case_id', 'seq'])
    .execute();
  await guardAppendOnly(db, 'paper_file_actions');

  await db.schema.createIndex('cases_unit_decided').ifNotExists().on('cases').columns(['unit_id', 'decided_at']).execute();
}

/** Like the case log (migration 0001): an UPDATE or DELETE of the paper file log aborts. */
async function guardAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // refuse_change() is migration 0001's; the PostgreSQL migration runs in one transaction.
    await sql
      .raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function refuse_change()`)
      .execute(db);
    return;
  }
  for (const op of ['update', 'delete']) {
    await sql
      .raw(`create trigger if not exists ${table}_no_${op} before ${op} on ${table} begin select raise(abort, 'append-only table ${table}'); end`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_unit_decided').ifExists().execute();
  for (const table of ['paper_file_actions', 'paper_files']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
