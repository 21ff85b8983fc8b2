import type { BlobStore } from '../../blobs/blob-store.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { CatalogRegistry } from '../catalog/catalog-registry.ts';
import { checkCaseProjections } from '../cases/check-case-projections.ts';
import { listAuditEventsFrom, listBlobsAfter, listUnauditedCaseActions } from './archive-check.repo.ts';
import { auditEventHash, GENESIS_HASH } from './audit-hash.ts';

export interface ArchiveProblem {
  kind:
    | 'audit_seq_gap'
    | 'audit_prev_hash'
    | 'audit_hash'
    | 'case_action_unaudited'
    | 'case_projection'
    | 'blob_missing'
    | 'blob_sha256'
    | 'blob_sm3'
    | 'blob_size';
  where: string;
  message: string;
}

export interface ArchiveReport {
  auditEvents: number;
  blobs: number;
  problems: ArchiveProblem[];
}

const PAGE = 2000;

/** Walks the audit chain from its first row; stops at the first broken link, since every later hash depends on it. */
async function verifyAuditChain(db: Db, problems: ArchiveProblem[]): Promise<number> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await listAuditEventsFrom(db.kysely, expectedSeq, PAGE);
    for (const row of rows) {
      const where = `audit_events seq ${row.seq}`;
      if (row.seq !== expectedSeq) {
        problems.push({ kind: 'audit_seq_gap', where, message: `expected seq ${expectedSeq}, found ${row.seq}` });
        return expectedSeq - 1;
      }
      if (row.prev_hash !== prevHash) {
        problems.push({ kind: 'audit_prev_hash', where, message: 'prev_hash does not match the hash of the row before' });
        return expectedSeq - 1;
      }
      const { hash, ...unhashed } = row;
      if (auditEventHash(unhashed) !== hash) {
        problems.push({ kind: 'audit_hash', where, message: 'the row was changed after it was written' });
        return expectedSeq - 1;
      }
      prevHash = hash;
      expectedSeq++;
    }
    if (rows.length < PAGE) return expectedSeq - 1;
  }
}

/** Each case act must be backed by its audit event, so deleting the chain's tail cannot hide an act. */
async function verifyActionsAudited(db: Db, problems: ArchiveProblem[]): Promise<void> {
  const unaudited = await listUnauditedCaseActions(db.kysely, 10);
  for (const row of unaudited) {
    problems.push({
      kind: 'case_action_unaudited',
      where: `case_actions ${row.case_id} #${row.seq}`,
      message: `act ${row.action} has no audit event`,
    });
  }
}

// One verification at a time per store: each re-hashes every original, and two at once
// would only double the work while taking a second blob thread away from capture and viewing.
const verifyingStores = new WeakSet<BlobStore>();

/**
 * Re-hashes every blob with SHA-256 and SM3 on a blob thread, one blob at a time, so a
 * verification occupies at most one of the threads captures and page views also use, and the
 * event loop only passes messages.
 */
async function verifyBlobs(db: Db, blobs: BlobStore, problems: ArchiveProblem[]): Promise<number> {
  let count = 0;
  let after = '';
  for (;;) {
    const rows = await listBlobsAfter(db.kysely, after, PAGE);
    for (const row of rows) {
      count++;
      const where = `blob ${row.sha256}`;
      const found = await blobs.digest(row.sha256);
      if (!found) problems.push({ kind: 'blob_missing', where, message: 'the file is missing' });
      else if (found.sha256 !== row.sha256) problems.push({ kind: 'blob_sha256', where, message: 'SHA-256 of the file does not match its address' });
      else if (found.sm3 !== row.sm3) problems.push({ kind: 'blob_sm3', where, message: 'SM3 of the file does not match the record' });
      else if (found.size !== row.size) problems.push({ kind: 'blob_size', where, message: 'size does not match the record' });
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return count;
    after = last.sha256;
  }
}

/** The whole check; a second one while one runs is refused at once, before any work. */
export async function verifyArchive(db: Db, blobs: BlobStore, catalogs: CatalogRegistry): Promise<ArchiveReport> {
  if (verifyingStores.has(blobs)) throw new AppError('ARCHIVE_VERIFY_RUNNING');
  verifyingStores.add(blobs);
  try {
    return await checkArchive(db, blobs, catalogs);
  } finally {
    verifyingStores.delete(blobs);
  }
}

async function checkArchive(db: Db, blobs: BlobStore, catalogs: CatalogRegistry): Promise<ArchiveReport> {
  const problems: ArchiveProblem[] = [];
  const auditEvents = await verifyAuditChain(db, problems);
  await verifyActionsAudited(db, problems);
  const projections = await checkCaseProjections(db.kysely, catalogs);
  for (const p of projections.problems) problems.push({ kind: 'case_projection', where: `case ${p.caseNo} (${p.caseId})`, message: p.message });
  const blobCount = await verifyBlobs(db, blobs, problems);
  return { auditEvents, blobs: blobCount, problems };
}
