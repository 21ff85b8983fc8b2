import type { BlobStore } from '../../blobs/blob-store.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { CatalogRegistry } from '../catalog/catalog-registry.ts';
import { checkCaseProjections } from '../cases/check-case-projections.ts';
import { checkWarningProjections } from '../supervision/check-warning-projections.ts';
import { listAuditEventsFrom, listBlobsAfter, listUnauditedCaseActions } from './archive-check.repo.ts';
import { auditEventHash, GENESIS_HASH } from './audit-hash.ts';
import { blobProblem, unrecordedBlobs } from './verify-archive-blobs.ts';
import { type CheckpointProblem, type CheckpointReport, verifyCheckpoints } from './checkpoints/verify-checkpoints.ts';

export interface ArchiveProblem {
  kind:
    | 'audit_seq_gap'
    | 'audit_prev_hash'
    | 'audit_hash'
    | 'audit_link'
    | CheckpointProblem['kind']
    | 'case_action_unaudited'
    | 'case_projection'
    | 'warning_projection'
    | 'blob_missing'
    | 'blob_sha256'
    | 'blob_sm3'
    | 'blob_size'
    | 'blob_orphaned';
  where: string;
  message: string;
}

export interface ArchiveReport {
  auditEvents: number;
  blobs: number;
  /** Stored originals without a row that are younger than the grace period: captures in flight or refused, not a problem. */
  orphansInGrace: number;
  /** The trail against its signed checkpoints; null when no checkpoint directory was given. */
  checkpoints: Omit<CheckpointReport, 'problems'> | null;
  problems: ArchiveProblem[];
}

export interface VerifyOptions {
  now?: Date;
  /** A stored original without a row is a problem once it is older than this (the orphan sweep should have taken it). */
  orphanGraceHours?: number;
  /** Where the checkpoints' witness files are (HUKOU_CHECKPOINT_DIR). */
  checkpointDir?: string;
}

const PAGE = 2000;

/** Walks the audit chain from its first row; stops at the first broken link, since every later hash depends on it. */
async function verifyAuditChain(db: Db, problems: ArchiveProblem[]): Promise<number> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let sawSm3 = false;
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
      // Links went from SHA-256 to SM3 once (migration 0012), never back.
      if (row.link === 'sha256' && sawSm3) {
        problems.push({ kind: 'audit_link', where, message: 'a SHA-256 link after SM3 links' });
        return expectedSeq - 1;
      }
      sawSm3 ||= row.link === 'sm3';
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
      const problem = blobProblem(row, await blobs.digest(row.sha256));
      if (problem) problems.push({ ...problem, where });
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return count;
    after = last.sha256;
  }
}

/**
 * Stored originals that no row points to. Older than the grace period they are a problem: either
 * the orphan sweep is not running, or rows were deleted and their files are what is left of them.
 */
async function findOrphans(db: Db, blobs: BlobStore, cutoff: Date, problems: ArchiveProblem[]): Promise<number> {
  let inGrace = 0;
  for await (const { sha256, modifiedAt } of unrecordedBlobs(db, blobs)) {
    if (modifiedAt >= cutoff) {
      inGrace++;
      continue;
    }
    const message = `no row points to the file (last written ${modifiedAt.toISOString()})`;
    problems.push({ kind: 'blob_orphaned', where: `blob ${sha256}`, message });
  }
  return inGrace;
}

/** The whole check; a second one while one runs is refused at once, before any work. */
export async function verifyArchive(db: Db, blobs: BlobStore, catalogs: CatalogRegistry, options: VerifyOptions = {}): Promise<ArchiveReport> {
  if (verifyingStores.has(blobs)) throw new AppError('ARCHIVE_VERIFY_RUNNING');
  verifyingStores.add(blobs);
  try {
    return await checkArchive(db, blobs, catalogs, options);
  } finally {
    verifyingStores.delete(blobs);
  }
}

async function checkArchive(db: Db, blobs: BlobStore, catalogs: CatalogRegistry, options: VerifyOptions): Promise<ArchiveReport> {
  const problems: ArchiveProblem[] = [];
  const auditEvents = await verifyAuditChain(db, problems);
  await verifyActionsAudited(db, problems);
  const projections = await checkCaseProjections(db.kysely, catalogs);
  for (const p of projections.problems) problems.push({ kind: 'case_projection', where: `case ${p.caseNo} (${p.caseId})`, message: p.message });
  const warnings = await checkWarningProjections(db.kysely);
  for (const p of warnings.problems) problems.push({ kind: 'warning_projection', where: `warning ${p.warningId}`, message: p.message });
  const blobCount = await verifyBlobs(db, blobs, problems);
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.orphanGraceHours ?? 24) * 3_600_000);
  const orphansInGrace = await findOrphans(db, blobs, cutoff, problems);
  let checkpoints: ArchiveReport['checkpoints'] = null;
  if (options.checkpointDir) {
    const { problems: found, ...report } = await verifyCheckpoints(db, options.checkpointDir);
    problems.push(...found);
    checkpoints = report;
  }
  return { auditEvents, blobs: blobCount, orphansInGrace, checkpoints, problems };
}
