import type { Kysely } from 'kysely';

/**
 * Spot checks (抽查) and paper verification (调阅纸质材料核实), docs/SPOT-CHECKS.md:
 *
 * - `spot_check_rounds`: a round a branch or the city bureau (`checker_unit_id`) draws over its decided
 *   cases of a period; the `seed` redraws the same sample; open until completed.
 * - `spot_check_items`: the cases drawn, with the risk weight they were drawn with (hundredths, an
 *   integer so both databases read it alike) and why, and the checker's finding once recorded.
 * - `paper_verifications`: a request to the station holding the case to check a material's paper
 *   original by `due_at`; requested → answered, or requested → overdue (the scheduled escalation)
 *   → answered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction.
  await db.schema
    .createTable('spot_check_rounds')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('checker_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('completed_by', 'text', (c) => c.references('users.id'))
    .addColumn('completed_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('spot_check_rounds_checker')
    .ifNotExists()
    .on('spot_check_rounds')
    .columns(['checker_unit_id', 'completed_at'])
    .execute();
  await db.schema.createIndex('spot_check_rounds_created').ifNotExists().on('spot_check_rounds').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('spot_check_items')
    .ifNotExists()
    .addColumn('round_id', 'text', (c) => c.notNull().references('spot_check_rounds.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('case_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('doubtful', 'text')
    .addColumn('checked_by', 'text', (c) => c.references('users.id'))
    .addColumn('checked_at', 'text')
    .addPrimaryKeyConstraint('spot_check_items_pk', ['round_id', 'case_id'])
    .execute();
  await db.schema.createIndex('spot_check_items_checked').ifNotExists().on('spot_check_items').columns(['checked_at', 'case_unit_id']).execute();
  await db.schema.createIndex('spot_check_items_case').ifNotExists().on('spot_check_items').column('case_id').execute();

  await db.schema
    .createTable('paper_verifications')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('spot_check_rounds.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('station_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('checker_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('material_code', 'text', (c) => c.notNull())
    .addColumn('doubt', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answer_note', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('paper_verifications_material', ['round_id', 'case_id', 'material_code'])
    .execute();
  await db.schema.createIndex('paper_verifications_due').ifNotExists().on('paper_verifications').columns(['state', 'due_at']).execute();
  await db.schema
    .createIndex('paper_verifications_station')
    .ifNotExists()
    .on('paper_verifications')
    .columns(['station_unit_id', 'requested_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['paper_verifications', 'spot_check_items', 'spot_check_rounds']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
