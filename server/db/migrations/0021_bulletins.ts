import type { Kysely } from 'kysely';

/**
 * The monthly bulletin (月度通报, docs/BULLETIN.md) counts a month of a city's business in the
 * database. Accepted cases already have `cases_accepted_unit` (0002) and pages `case_images_captured_at`
 * (0010); what it also reads by time:
 *
 * - cases concluded (办结) in the month, by `closed_at`;
 * - warnings whose fact happened in the month, by `occurred_at` (covering the unit and rule it groups by);
 * - historical files (历史档案采集) by case, so that imports are not counted as the month's business.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction.
  await db.schema.createIndex('cases_closed_unit').ifNotExists().on('cases').columns(['closed_at', 'unit_id']).execute();
  await db.schema.createIndex('warnings_occurred').ifNotExists().on('warnings').columns(['occurred_at', 'unit_id', 'rule']).execute();
  await db.schema.createIndex('history_imports_case').ifNotExists().on('history_imports').column('case_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('history_imports_case').ifExists().execute();
  await db.schema.dropIndex('warnings_occurred').ifExists().execute();
  await db.schema.dropIndex('cases_closed_unit').ifExists().execute();
}
