import type { Kysely, Transaction } from 'kysely';
import type { CaseActionsTable, Database, NoticesTable, PdfCertificatesTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertPdfCertificate(db: Q, row: PdfCertificatesTable, protectedKey: string): Promise<void> {
  await db.insertInto('pdf_certificates').values(row).execute();
  await db.insertInto('pdf_private_keys').values({ certificate_id: row.id, protected_key: protectedKey }).execute();
}

export function findPdfCertificate(db: Q, id: string): Promise<PdfCertificatesTable | undefined> {
  return db.selectFrom('pdf_certificates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest PDF signing certificate of a unit. */
export function latestPdfSignerCertificate(db: Q, unitId: string): Promise<PdfCertificatesTable | undefined> {
  return db
    .selectFrom('pdf_certificates')
    .selectAll()
    .where('kind', '=', 'signer')
    .where('unit_id', '=', unitId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function countPdfSignerCertificates(db: Q, unitId: string): Promise<number> {
  const row = await db
    .selectFrom('pdf_certificates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'signer')
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findPdfProtectedKey(db: Q, certificateId: string): Promise<string | undefined> {
  const row = await db.selectFrom('pdf_private_keys').select('protected_key').where('certificate_id', '=', certificateId).executeTakeFirst();
  return row?.protected_key;
}

export async function insertNotice(db: Q, row: NoticesTable): Promise<void> {
  await db.insertInto('notices').values(row).execute();
}

export function findNoticeByCase(db: Q, caseId: string): Promise<NoticesTable | undefined> {
  return db.selectFrom('notices').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export interface NoticeDecisionRow {
  seq: number;
  action: string;
  at: string;
  officer_name: string;
  unit_id: string;
  unit_name: string;
}

/** The case's decisions so far (the acts given), in order, with who made them and for which unit. */
export function listDecisions(db: Q, caseId: string, acts: readonly CaseActionsTable['action'][]): Promise<NoticeDecisionRow[]> {
  return db
    .selectFrom('case_actions as a')
    .innerJoin('users as u', 'u.id', 'a.actor_id')
    .innerJoin('units as n', 'n.id', 'a.actor_unit_id')
    .select(['a.seq', 'a.action', 'a.at', 'u.display_name as officer_name', 'n.id as unit_id', 'n.name as unit_name'])
    .where('a.case_id', '=', caseId)
    .where('a.action', 'in', acts)
    .orderBy('a.seq')
    .execute();
}

/** The notice with the names and certificates its information page shows. */
export function findNoticeForReading(db: Q, caseId: string) {
  return db
    .selectFrom('notices as n')
    .innerJoin('users as u', 'u.id', 'n.approved_by')
    .innerJoin('units as t', 't.id', 'n.approved_unit_id')
    .innerJoin('seals as s', 's.id', 'n.seal_id')
    .innerJoin('pdf_certificates as p', 'p.id', 'n.pdf_certificate_id')
    .selectAll('n')
    .select([
      'u.display_name as approver_name',
      't.name as unit_name',
      's.name as seal_name',
      's.es_id as seal_es_id',
      'p.subject as pdf_subject',
      'p.serial as pdf_serial',
      'p.not_after as pdf_not_after',
    ])
    .where('n.case_id', '=', caseId)
    .executeTakeFirst();
}

/** Notices with the names the public check shows. */
function publicNotices(db: Q) {
  return db
    .selectFrom('notices as n')
    .innerJoin('units as t', 't.id', 'n.approved_unit_id')
    .innerJoin('seals as s', 's.id', 'n.seal_id')
    .select([
      'n.blob_sha256',
      'n.sm3',
      'n.ses_signature',
      'n.signed_at',
      'n.public_info',
      'n.verification_code',
      'n.ofd_blob_sha256',
      'n.ofd_sm3',
      't.name as unit_name',
      's.name as seal_name',
    ]);
}

export type PublicNoticeRow = NonNullable<Awaited<ReturnType<typeof findNoticeByCode>>>;

/** A notice by the code printed on it. */
export function findNoticeByCode(db: Q, code: string) {
  return publicNotices(db).where('n.verification_code', '=', code).executeTakeFirst();
}

/** A notice whose signed PDF or sealed OFD has exactly these bytes (by their SHA-256). */
export function findPublicNoticeByFile(db: Q, sha256: string): Promise<PublicNoticeRow | undefined> {
  return publicNotices(db)
    .where((eb) => eb.or([eb('n.blob_sha256', '=', sha256), eb('n.ofd_blob_sha256', '=', sha256)]))
    .executeTakeFirst();
}

/** The notice whose signed PDF has these bytes (by their SHA-256), with its case number. */
export function findNoticeByFile(db: Q, sha256: string) {
  return db
    .selectFrom('notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .innerJoin('units as t', 't.id', 'n.approved_unit_id')
    .select(['n.verification_code', 'n.ses_signature', 'n.signed_at', 'c.case_no', 't.name as unit_name'])
    .where('n.blob_sha256', '=', sha256)
    .executeTakeFirst();
}

/** The notice whose sealed OFD has these bytes (by their SHA-256), with its case number. */
export function findNoticeByOfdFile(db: Q, sha256: string) {
  return db
    .selectFrom('notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .innerJoin('units as t', 't.id', 'n.approved_unit_id')
    .select(['n.verification_code', 'n.signed_at', 'c.case_no', 't.name as unit_name'])
    .where('n.ofd_blob_sha256', '=', sha256)
    .executeTakeFirst();
}
