import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Online supervision's warnings (预警, docs/SUPERVISION.md):
 *
 * - `warnings`: one row per fact a rule found, UNIQUE (rule, fact_key), so the same fact never raises
 *   two warnings, whether an act or the sweep finds it first, and a resolved one still holds its key.
 *   Its state (raised, acknowledged, resolved with who, when and the note) is the projection of
 *   `warning_actions`; `unit_id` is the unit answerable for it, `case_unit_id` the station holding the
 *   case (both decide who sees it).
 * - `warning_actions`: the warning's append-only log (raise, acknowledge, resolve), refused UPDATE and
 *   DELETE in the database itself like `case_actions`.
 * - `supervision_policy`: the rules' settings, one row 'current' (JSON), defaults while none is stored.
 * - `warning_sweep`: how far the scheduled sweep has looked (instants, and the trail by seq), so each
 *   run reads only what passed since the last one.
 * - Indexes for the sweep (cases by capture deadline; the trail's refusals of auxiliaries, a partial
 *   index) and for the list (by time, by unit, by case).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction.
  await db.schema
    .createTable('warnings')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('fact_key', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('case_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('warnings_fact', ['rule', 'fact_key'])
    .execute();
  await db.schema.createIndex('warnings_raised').ifNotExists().on('warnings').columns(['raised_at', 'id']).execute();
  await db.schema.createIndex('warnings_unit_raised').ifNotExists().on('warnings').columns(['unit_id', 'raised_at']).execute();
  await db.schema.createIndex('warnings_case_unit_raised').ifNotExists().on('warnings').columns(['case_unit_id', 'raised_at']).execute();
  await db.schema.createIndex('warnings_case').ifNotExists().on('warnings').columns(['case_id', 'state']).execute();

  await db.schema
    .createTable('warning_actions')
    .ifNotExists()
    .addColumn('warning_id', 'text', (c) => c.notNull().references('warnings.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('warning_actions_pk', ['warning_id', 'seq'])
    .execute();
  await guardAppendOnly(db, 'warning_actions');

  await db.schema
    .createTable('supervision_policy')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('warning_sweep')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('swept_until', 'text', (c) => c.notNull())
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The sweep walks the cases whose capture limit passed since its last run (approval deadlines
  // already have cases_status_approval from migration 0006).
  await db.schema.createIndex('cases_capture_deadline').ifNotExists().on('cases').columns(['capture_deadline', 'id']).execute();
  // The trail's refusals of auxiliaries, few among millions of events: a partial index. A query
  // uses it only when it names the same literal (SQLite does not match a bound parameter).
  await db.schema
    .createIndex('audit_events_auxiliary_refusals')
    .ifNotExists()
    .on('audit_events')
    .column('seq')
    .where(sql.ref('reason'), '=', sql.lit('AUXILIARY_NOT_PERMITTED'))
    .execute();
}

/** Like the case log (migration 0001): an UPDATE or DELETE of the warning log aborts. */
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
  await db.schema.dropIndex('audit_events_auxiliary_refusals').ifExists().execute();
  await db.schema.dropIndex('cases_capture_deadline').ifExists().execute();
  for (const table of ['warning_sweep', 'supervision_policy', 'warning_actions', 'warnings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
