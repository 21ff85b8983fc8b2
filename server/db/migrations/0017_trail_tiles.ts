import type { Kysely } from 'kysely';

/**
 * Tiles of the audit trail's Merkle tree (audit/checkpoints/trail-tiles.ts): the root of each whole,
 * aligned run of 256 events' leaves. Derived from the events, written after checkpoints, so an
 * inclusion or consistency proof reads O(log n) of them instead of rebuilding the tree from every
 * event. A missing tile only makes a proof slower (its leaves are read instead); a wrong one makes
 * proofs fail verification against the signed root, never pass.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_tree_tiles')
    .ifNotExists()
    .addColumn('tile', 'integer', (c) => c.primaryKey())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_tree_tiles').ifExists().execute();
}
