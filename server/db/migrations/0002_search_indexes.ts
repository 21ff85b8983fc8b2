import type { Kysely } from 'kysely';

/**
 * Search over a million cases (docs/PERFORMANCE.md). The search orders by accepted_at and limits to
 * a page, so the fast plan for every scope is to walk an accepted_at-ordered index and stop after a
 * page. With (unit_id, accepted_at) present, SQLite's planner prefers it whenever the scope names
 * units, and that goes wrong twice, with or without ANALYZE:
 * - a branch scope is `unit_id IN (4 units)`: no index can return several units in one order,
 *   so SQLite fetched every case of the branch (~550,000) and sorted them: 1.5 s per search;
 * - a station search by ID number walked the station's ~220,000 cases in date order looking for
 *   one person instead of using cases_id_number: 350 ms.
 * Replacing it by (accepted_at, unit_id) leaves the ordered walk as the plan for scopes, and the
 * unit check reads the index entry without fetching the row, so even a unit with no cases at all
 * costs one pass over the index (~0.1 s at 1M), not over the table. It also covers what
 * cases_accepted_at did. PostgreSQL (with statistics) used neither dropped index for search.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_accepted_unit').on('cases').columns(['accepted_at', 'unit_id']).execute();
  await db.schema.dropIndex('cases_unit_accepted').execute();
  await db.schema.dropIndex('cases_accepted_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_unit_accepted').on('cases').columns(['unit_id', 'accepted_at']).execute();
  await db.schema.createIndex('cases_accepted_at').on('cases').column('accepted_at').execute();
  await db.schema.dropIndex('cases_accepted_unit').execute();
}
