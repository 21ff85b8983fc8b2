import type { Kysely } from 'kysely';

/**
 * The supervisor's capture findings (GET /api/workbench, captureFindings) count the pages captured
 * since the month began. Without this index that read every page ever captured in the city to keep
 * a month's; with it, the month's pages are found by their capture time and joined to their cases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('case_images_captured_at').on('case_images').column('captured_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_images_captured_at').execute();
}
