import type { Kysely, Transaction } from 'kysely';
import type { CaseSignaturesTable, Database, PkiCertificatesTable, PkiCrlsTable, SealsTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertCertificate(db: Q, row: PkiCertificatesTable, protectedKey: string | null): Promise<void> {
  await db.insertInto('pki_certificates').values(row).execute();
  if (protectedKey !== null) await db.insertInto('pki_private_keys').values({ certificate_id: row.id, protected_key: protectedKey }).execute();
}

export function findCertificate(db: Q, id: string): Promise<PkiCertificatesTable | undefined> {
  return db.selectFrom('pki_certificates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProtectedKey(db: Q, certificateId: string): Promise<string | undefined> {
  const row = await db.selectFrom('pki_private_keys').select('protected_key').where('certificate_id', '=', certificateId).executeTakeFirst();
  return row?.protected_key;
}

/** The newest certificate of a kind for a unit or an officer (revoked or not: the caller decides). */
export function latestCertificate(db: Q, kind: PkiCertificatesTable['kind'], owner: { unitId?: string; userId?: string }) {
  let query = db.selectFrom('pki_certificates').selectAll().where('kind', '=', kind);
  if (owner.unitId !== undefined) query = query.where('unit_id', '=', owner.unitId);
  if (owner.userId !== undefined) query = query.where('user_id', '=', owner.userId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

export function countCertificates(db: Q, kind: PkiCertificatesTable['kind'], owner: { unitId?: string; userId?: string }): Promise<number> {
  let query = db
    .selectFrom('pki_certificates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind);
  if (owner.unitId !== undefined) query = query.where('unit_id', '=', owner.unitId);
  if (owner.userId !== undefined) query = query.where('user_id', '=', owner.userId);
  return query.executeTakeFirstOrThrow().then((r) => Number(r.n));
}

/** The officers' certificates a unit's seal lists: valid (not revoked, not expired) certificates of its users. */
export function listUsableOfficerCertificates(db: Q, unitId: string, at: string): Promise<PkiCertificatesTable[]> {
  return db
    .selectFrom('pki_certificates')
    .innerJoin('users', 'users.id', 'pki_certificates.user_id')
    .selectAll('pki_certificates')
    .where('pki_certificates.kind', '=', 'officer')
    .where('users.unit_id', '=', unitId)
    .where('pki_certificates.revoked_at', 'is', null)
    .where('pki_certificates.not_after', '>', at)
    .orderBy('pki_certificates.id')
    .execute();
}

export async function markCertificateRevoked(db: Q, id: string, revocation: { at: string; by: string | null; reason: string }): Promise<void> {
  await db
    .updateTable('pki_certificates')
    .set({ revoked_at: revocation.at, revoked_by: revocation.by, revocation_reason: revocation.reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export function listRevokedCertificates(db: Q): Promise<PkiCertificatesTable[]> {
  return db.selectFrom('pki_certificates').selectAll().where('revoked_at', 'is not', null).orderBy('revoked_at').execute();
}

export function listCertificates(db: Q): Promise<PkiCertificatesTable[]> {
  return db.selectFrom('pki_certificates').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function insertCrl(db: Q, row: PkiCrlsTable): Promise<void> {
  await db.insertInto('pki_crls').values(row).execute();
}

export function latestCrl(db: Q): Promise<PkiCrlsTable | undefined> {
  return db.selectFrom('pki_crls').selectAll().orderBy('number', 'desc').executeTakeFirst();
}

/** The CRL in force at a time: the last one issued at or before it. */
export function crlInForceAt(db: Q, at: string): Promise<PkiCrlsTable | undefined> {
  return db.selectFrom('pki_crls').selectAll().where('this_update', '<=', at).orderBy('number', 'desc').executeTakeFirst();
}

export async function insertSeal(db: Q, row: SealsTable): Promise<void> {
  await db.insertInto('seals').values(row).execute();
}

/** The unit's seal in force: its newest version, unless that is revoked. */
export function latestSeal(db: Q, unitId: string): Promise<SealsTable | undefined> {
  return db.selectFrom('seals').selectAll().where('unit_id', '=', unitId).orderBy('version', 'desc').executeTakeFirst();
}

export function findSeal(db: Q, id: string): Promise<SealsTable | undefined> {
  return db.selectFrom('seals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSealSuperseded(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('seals').set({ superseded_at: at }).where('id', '=', id).where('superseded_at', 'is', null).execute();
}

export async function markSealRevoked(db: Q, id: string, revocation: { at: string; by: string | null; reason: string }): Promise<void> {
  await db
    .updateTable('seals')
    .set({ revoked_at: revocation.at, revoked_by: revocation.by, revocation_reason: revocation.reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export function listSeals(db: Q): Promise<SealsTable[]> {
  return db.selectFrom('seals').selectAll().orderBy('unit_id').orderBy('version').execute();
}

export async function insertCaseSignature(db: Q, row: CaseSignaturesTable): Promise<void> {
  await db.insertInto('case_signatures').values(row).execute();
}

export function listCaseSignatures(db: Q, caseId: string): Promise<CaseSignaturesTable[]> {
  return db.selectFrom('case_signatures').selectAll().where('case_id', '=', caseId).orderBy('action_seq').execute();
}

/** The pages of a case as they stood at a time: captured by then, not yet removed or replaced. */
export function listPagesAsOf(db: Q, caseId: string, at: string) {
  return db
    .selectFrom('case_images')
    .innerJoin('blobs', 'blobs.sha256', 'case_images.blob_sha256')
    .select([
      'case_images.id',
      'case_images.material_code',
      'case_images.page_no',
      'case_images.source_page',
      'case_images.captured_at',
      'case_images.supplement_reason',
      'blobs.sm3',
    ])
    .where('case_images.case_id', '=', caseId)
    .where('case_images.captured_at', '<=', at)
    .where((eb) => eb.or([eb('case_images.removed_at', 'is', null), eb('case_images.removed_at', '>', at)]))
    .orderBy('case_images.material_code')
    .orderBy('case_images.page_no')
    .orderBy('case_images.id')
    .execute();
}

/** The applicant's portraits in place at a time. */
export function listPortraitsAsOf(db: Q, caseId: string, at: string) {
  return db
    .selectFrom('case_portraits')
    .innerJoin('blobs', 'blobs.sha256', 'case_portraits.blob_sha256')
    .select(['case_portraits.id', 'case_portraits.captured_at', 'blobs.sm3'])
    .where('case_portraits.case_id', '=', caseId)
    .where('case_portraits.captured_at', '<=', at)
    .where((eb) => eb.or([eb('case_portraits.removed_at', 'is', null), eb('case_portraits.removed_at', '>', at)]))
    .orderBy('case_portraits.captured_at')
    .orderBy('case_portraits.id')
    .execute();
}

/** The case's action log up to and including an act. */
export function listActionsUpTo(db: Q, caseId: string, seq: number) {
  return db
    .selectFrom('case_actions')
    .select(['seq', 'action', 'actor_id', 'actor_unit_id', 'at', 'comment'])
    .where('case_id', '=', caseId)
    .where('seq', '<=', seq)
    .orderBy('seq')
    .execute();
}

/** A case's signatures with the names a reader needs: signer, unit, seal and certificate. */
export function listCaseSignaturesForReading(db: Q, caseId: string) {
  return db
    .selectFrom('case_signatures as s')
    .innerJoin('users', 'users.id', 's.signer_id')
    .innerJoin('units', 'units.id', 's.unit_id')
    .innerJoin('seals', 'seals.id', 's.seal_id')
    .innerJoin('pki_certificates as c', 'c.id', 's.certificate_id')
    .select([
      's.id',
      's.case_id',
      's.action_seq',
      's.act',
      's.unit_id',
      's.signer_id',
      's.seal_id',
      's.certificate_id',
      's.signed_at',
      's.data_hash',
      's.content',
      's.signature',
      's.provider',
      'users.display_name as signer_name',
      'units.name as unit_name',
      'seals.name as seal_name',
      'seals.es_id as seal_es_id',
      'seals.version as seal_version',
      'seals.revoked_at as seal_revoked_at',
      'c.serial as certificate_serial',
      'c.subject as certificate_subject',
      'c.revoked_at as certificate_revoked_at',
    ])
    .where('s.case_id', '=', caseId)
    .orderBy('s.action_seq')
    .execute();
}

export function findCertificateByDer(db: Q, derBase64: string): Promise<PkiCertificatesTable | undefined> {
  return db.selectFrom('pki_certificates').selectAll().where('der', '=', derBase64).executeTakeFirst();
}

/** The case's latest decision that went through or was refused (not denied), with who tried it. */
export function latestDecisionAttempt(db: Q, caseId: string) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('users', 'users.id', 'e.actor_id')
    .select(['e.action', 'e.at', 'e.outcome', 'e.detail', 'users.display_name as actor_name'])
    .where('e.case_id', '=', caseId)
    .where('e.action', 'in', ['case.submit', 'case.review', 'case.approve', 'case.return'])
    .where('e.outcome', 'in', ['ok', 'refused'])
    .orderBy('e.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
