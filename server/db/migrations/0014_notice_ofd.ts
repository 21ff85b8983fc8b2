import type { Kysely } from 'kysely';

/**
 * The approval notice also as OFD (GB/T 33190, docs/SEALS.md "The notice as OFD"): the sealed
 * package in the blob store, its SM3 and the SES_Signature kept in it (Sign_0/SignedValue.dat,
 * base64). Nullable: notices issued before this have no OFD.
 */
const COLUMNS = ['ofd_blob_sha256', 'ofd_sm3', 'ofd_ses_signature'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction, so a crash
  // part-way leaves the earlier steps in place and the whole migration runs again.
  const notices = (await db.introspection.getTables()).find((t) => t.name === 'notices');
  const has = (name: string) => notices?.columns.some((c) => c.name === name) ?? false;
  if (!has('ofd_blob_sha256')) {
    await db.schema
      .alterTable('notices')
      .addColumn('ofd_blob_sha256', 'text', (c) => c.references('blobs.sha256'))
      .execute();
  }
  if (!has('ofd_sm3')) await db.schema.alterTable('notices').addColumn('ofd_sm3', 'text').execute();
  if (!has('ofd_ses_signature')) await db.schema.alterTable('notices').addColumn('ofd_ses_signature', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('notices').dropColumn(column).execute();
}
