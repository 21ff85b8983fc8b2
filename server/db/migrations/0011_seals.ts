import type { Kysely } from 'kysely';

/**
 * Electronic seals (docs/SEALS.md):
 *
 * - `pki_certificates`: the seal authority's certificates: its root, the seal maker's certificate,
 *   each deciding unit's certificate and each officer's personal certificate; DER as base64, with
 *   revocation (who, when, why). Certificates are never deleted.
 * - `pki_private_keys`: the private key of a certificate the local authority holds, encrypted under
 *   the configured data keys (population/id-protection.ts), never returned by any API.
 * - `pki_crls`: every CRL the authority issued, numbered; a signature is checked against the CRL in
 *   force when it was made.
 * - `seals`: each unit's seal (GB/T 38540 SES_Seal, DER as base64), in versions: a new version is
 *   made when the officers allowed to use the seal change; revoking a seal stops it signing.
 * - `case_signatures`: the signature of each decision on a case, made in the act's transaction; the
 *   canonical content it signs (encrypted: it holds personal data) so a failed check can name what changed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pki_certificates')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revocation_reason', 'text')
    .execute();
  await db.schema.createIndex('pki_certificates_user').ifNotExists().on('pki_certificates').column('user_id').execute();
  await db.schema.createIndex('pki_certificates_unit').ifNotExists().on('pki_certificates').column('unit_id').execute();

  await db.schema
    .createTable('pki_private_keys')
    .ifNotExists()
    .addColumn('certificate_id', 'text', (c) => c.primaryKey().references('pki_certificates.id'))
    .addColumn('protected_key', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pki_crls')
    .ifNotExists()
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('this_update', 'text', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('seals')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('es_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('der', 'text', (c) => c.notNull())
    .addColumn('valid_start', 'text', (c) => c.notNull())
    .addColumn('valid_end', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revocation_reason', 'text')
    .addUniqueConstraint('seals_unit_version', ['unit_id', 'version'])
    .execute();

  await db.schema
    .createTable('case_signatures')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('action_seq', 'integer', (c) => c.notNull())
    .addColumn('act', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('signer_id', 'text', (c) => c.notNull())
    .addColumn('seal_id', 'text', (c) => c.notNull().references('seals.id'))
    .addColumn('certificate_id', 'text', (c) => c.notNull().references('pki_certificates.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('data_hash', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_signatures_action', ['case_id', 'action_seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_signatures', 'seals', 'pki_crls', 'pki_private_keys', 'pki_certificates']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
