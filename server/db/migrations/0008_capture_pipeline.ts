import type { Kysely } from 'kysely';

/**
 * The capture pipeline (docs/CAPTURE.md):
 *
 * - `blobs.page_count`: pages in the original file (a multi-page TIFF or a scanner's PDF); each page
 *   of the material is a `case_images` row pointing at the file and its page (`source_page`, 0-based).
 * - `blobs.fixity_checked_at`: when a fixity sweep last re-hashed the blob and found it intact.
 * - `case_images`: the page's quality measurements and warnings (JSON), an override of those warnings
 *   with its reason, who and when; the perceptual hash; 补录 (`supplement_reason`: set means the page
 *   was added as supplementary capture); and removal before submission (`removed_at`, `removed_by`,
 *   `replaced_by` when a retake took its place). Pages are never deleted.
 * - `image_hash_bands`: the perceptual hash split in bands, indexed, so finding the pages that may be
 *   the same document image is a handful of index lookups rather than a scan of every page.
 * - `image_reuse`: a page found to be the same document image as a page of another person's case.
 * - `case_portraits`: the applicant's portrait taken at the window.
 * - `history_imports`: historical files imported (`hukou import-history`), one row per manifest record,
 *   so an interrupted import resumes without duplicates.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction.
  const tables = await db.introspection.getTables();
  const columnsOf = (name: string) => new Set(tables.find((t) => t.name === name)?.columns.map((c) => c.name) ?? []);
  const blobs = columnsOf('blobs');
  if (!blobs.has('page_count')) {
    await db.schema
      .alterTable('blobs')
      .addColumn('page_count', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
  if (!blobs.has('fixity_checked_at')) await db.schema.alterTable('blobs').addColumn('fixity_checked_at', 'text').execute();
  await db.schema.createIndex('blobs_fixity').ifNotExists().on('blobs').column('fixity_checked_at').execute();

  const images = columnsOf('case_images');
  const imageColumns: [string, 'text' | 'integer'][] = [
    ['source_page', 'integer'],
    ['quality', 'text'],
    ['quality_override_reason', 'text'],
    ['quality_override_by', 'text'],
    ['quality_override_at', 'text'],
    ['phash', 'text'],
    ['supplement_reason', 'text'],
    ['removed_at', 'text'],
    ['removed_by', 'text'],
    ['replaced_by', 'text'],
  ];
  for (const [name, type] of imageColumns) {
    if (images.has(name)) continue;
    await db.schema
      .alterTable('case_images')
      .addColumn(name, type, (c) => (name === 'source_page' ? c.notNull().defaultTo(0) : c))
      .execute();
  }

  await db.schema
    .createTable('image_hash_bands')
    .ifNotExists()
    .addColumn('band', 'integer', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('image_id', 'text', (c) => c.notNull().references('case_images.id'))
    .addPrimaryKeyConstraint('image_hash_bands_pk', ['band', 'value', 'image_id'])
    .execute();

  await db.schema
    .createTable('image_reuse')
    .ifNotExists()
    .addColumn('image_id', 'text', (c) => c.notNull().references('case_images.id'))
    .addColumn('other_image_id', 'text', (c) => c.notNull().references('case_images.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('other_case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('distance', 'integer', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('image_reuse_pk', ['image_id', 'other_image_id'])
    .execute();
  await db.schema.createIndex('image_reuse_case').ifNotExists().on('image_reuse').column('case_id').execute();
  await db.schema.createIndex('image_reuse_other_case').ifNotExists().on('image_reuse').column('other_case_id').execute();

  await db.schema
    .createTable('case_portraits')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('captured_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('case_portraits_case').ifNotExists().on('case_portraits').column('case_id').execute();

  await db.schema
    .createTable('history_imports')
    .ifNotExists()
    .addColumn('source_key', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('imported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('history_imports').ifExists().execute();
  await db.schema.dropTable('case_portraits').ifExists().execute();
  await db.schema.dropTable('image_reuse').ifExists().execute();
  await db.schema.dropTable('image_hash_bands').ifExists().execute();
}
