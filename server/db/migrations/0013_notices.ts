import type { Kysely } from 'kysely';

/**
 * The approval notice (docs/SEALS.md, "The approval notice"):
 *
 * - `pdf_certificates`: the local authority's RSA certificates for signing PDFs (PAdES): a small root
 *   and a signing certificate per city bureau. Readers such as poppler's pdfsig do not know SM2, so
 *   the notice's PDF signature is RSA; its GB/T 38540 signature stays SM2. DER as base64.
 * - `pdf_private_keys`: their private keys (PKCS#8 PEM) encrypted under the configured data keys.
 * - `notices`: one notice per approved case: its signed PDF (a blob), verification code, the
 *   SES_Signature over the PDF's SM3, who approved it, and the facts a public check may show.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pdf_certificates')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pdf_private_keys')
    .ifNotExists()
    .addColumn('certificate_id', 'text', (c) => c.primaryKey().references('pdf_certificates.id'))
    .addColumn('protected_key', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notices')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('verification_code', 'text', (c) => c.notNull().unique())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('approved_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('seal_id', 'text', (c) => c.notNull().references('seals.id'))
    .addColumn('certificate_id', 'text', (c) => c.notNull().references('pki_certificates.id'))
    .addColumn('pdf_certificate_id', 'text', (c) => c.notNull().references('pdf_certificates.id'))
    .addColumn('ses_signature', 'text', (c) => c.notNull())
    .addColumn('public_info', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notices', 'pdf_private_keys', 'pdf_certificates']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
