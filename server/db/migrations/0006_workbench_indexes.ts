import type { Kysely } from 'kysely';

/**
 * The workbench (GET /api/workbench) counts and lists open cases: a station's by status with the
 * nearest capture deadline first, and a level's inbox of submitted cases with the oldest approval
 * deadline first. Without these, each group walked every case of its status in the city
 * (cases_status) to keep one station's, and sorted the inbox after reading all of it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_unit_status_capture').on('cases').columns(['unit_id', 'status', 'capture_deadline']).execute();
  await db.schema.createIndex('cases_status_approval').on('cases').columns(['status', 'approval_deadline']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_status_approval').execute();
  await db.schema.dropIndex('cases_unit_status_capture').execute();
}
