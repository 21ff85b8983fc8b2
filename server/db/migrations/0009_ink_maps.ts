import type { Kysely } from 'kysely';

/**
 * Reuse findings confirmed by a second stage (docs/CAPTURE.md, Reuse detection): the band index of
 * perceptual hashes proposes pages, and a page becomes a finding only when its fine ink map agrees.
 *
 * - `image_ink_maps`: one row per page captured since, its fine ink map (documents/ink-map.ts) as
 *   base64 text, a few KB; comparing two pages reads these rows and decodes no image. A table of its
 *   own, so the page rows that lists and the viewer read stay small. Pages captured before this
 *   migration have no row and are still matched on the hash distance alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('image_ink_maps')
    .ifNotExists()
    .addColumn('image_id', 'text', (c) => c.primaryKey().references('case_images.id'))
    .addColumn('ink_map', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('image_ink_maps').ifExists().execute();
}
