import type { Kysely } from 'kysely';

/**
 * Signed checkpoints of the audit trail (docs/SEALS.md, "Checkpoints of the trail"):
 *
 * - `audit_events.link`: the digest of the row's link in the hash chain. Rows written before this
 *   migration keep SHA-256 ('sha256'); rows written after use SM3 ('sm3'), as a commercial
 *   cryptography assessment expects. The older rows are covered by the first checkpoint's tree.
 * - `audit_checkpoints`: each signed tree head of the trail's Merkle tree (SM3, RFC 6962 shape):
 *   size, root, time, the SM2 signature of the city bureau's key and that certificate, and the
 *   compact range (the right border of the tree), so the next checkpoint reads only the events after it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const columns = new Set((await db.introspection.getTables()).find((t) => t.name === 'audit_events')?.columns.map((c) => c.name) ?? []);
  if (!columns.has('link')) {
    await db.schema
      .alterTable('audit_events')
      .addColumn('link', 'text', (c) => c.notNull().defaultTo('sha256'))
      .execute();
  }
  await db.schema
    .createTable('audit_checkpoints')
    .ifNotExists()
    .addColumn('tree_size', 'integer', (c) => c.primaryKey())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('certificate_id', 'text', (c) => c.notNull().references('pki_certificates.id'))
    .addColumn('border', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').ifExists().execute();
  await db.schema.alterTable('audit_events').dropColumn('link').execute();
}
