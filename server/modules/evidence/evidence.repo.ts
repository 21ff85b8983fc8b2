import type { Kysely } from 'kysely';
import type {
  AuditEventsTable,
  BlobsTable,
  CaseActionsTable,
  CaseImagesTable,
  CasePortraitsTable,
  Database,
  PdfCertificatesTable,
  PkiCertificatesTable,
  PkiCrlsTable,
} from '../../db/schema.ts';

type Q = Kysely<Database>;

/** The case's id from its number (as the case page shows it) or from its id. */
export async function findCaseIdByReference(db: Q, reference: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where((eb) => eb.or([eb('case_no', '=', reference), eb('id', '=', reference)]))
    .executeTakeFirst();
  return row?.id;
}

/** The sequence number of the case's latest audit event; 0 when it has none. */
export async function lastCaseEventSeq(db: Q, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('last'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** The case's audit events up to a sequence number, every column exactly as stored. */
export function listCaseEventsUpTo(db: Q, caseId: string, untilSeq: number): Promise<AuditEventsTable[]> {
  return db.selectFrom('audit_events').selectAll().where('case_id', '=', caseId).where('seq', '<=', untilSeq).orderBy('seq').execute();
}

export function listAllCaseActions(db: Q, caseId: string): Promise<CaseActionsTable[]> {
  return db.selectFrom('case_actions').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

/** Every page the case ever had, removed and replaced ones too: an earlier decision may have signed them. */
export function listAllCasePages(db: Q, caseId: string): Promise<CaseImagesTable[]> {
  return db
    .selectFrom('case_images')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('material_code')
    .orderBy('page_no')
    .orderBy('captured_at')
    .orderBy('id')
    .execute();
}

export function listAllCasePortraits(db: Q, caseId: string): Promise<CasePortraitsTable[]> {
  return db.selectFrom('case_portraits').selectAll().where('case_id', '=', caseId).orderBy('captured_at').orderBy('id').execute();
}

export function listBlobs(db: Q, sha256s: readonly string[]): Promise<BlobsTable[]> {
  if (sha256s.length === 0) return Promise.resolve([]);
  return db.selectFrom('blobs').selectAll().where('sha256', 'in', sha256s).orderBy('sha256').execute();
}

/** Certificates by id, and the authority's own (root, seal maker) whatever the ids. */
export function listEvidenceCertificates(db: Q, ids: readonly string[]): Promise<PkiCertificatesTable[]> {
  return db
    .selectFrom('pki_certificates')
    .selectAll()
    .where((eb) => eb.or([eb('kind', 'in', ['root', 'maker']), ...(ids.length > 0 ? [eb('id', 'in', ids)] : [])]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function listPdfCertificates(db: Q, ids: readonly string[]): Promise<PdfCertificatesTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('pdf_certificates').selectAll().where('id', 'in', ids).orderBy('created_at').execute();
}

/** Every revocation list the authority issued, oldest first (a few hundred bytes each). */
export function listCrls(db: Q): Promise<PkiCrlsTable[]> {
  return db.selectFrom('pki_crls').selectAll().orderBy('number').execute();
}
