import type { AppContext } from '../../context.ts';
import type { AuditCheckpointsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { latestCheckpoint } from '../audit/checkpoints/checkpoint.repo.ts';
import { createCheckpoint } from '../audit/checkpoints/create-checkpoint.ts';
import { findCase } from '../cases/cases.repo.ts';
import { findNoticeByCase } from '../notices/notices.repo.ts';
import { listCaseSignatures } from '../seals/seals.repo.ts';
import {
  lastCaseEventSeq,
  listAllCaseActions,
  listAllCasePages,
  listAllCasePortraits,
  listBlobs,
  listCaseEventsUpTo,
  listCrls,
} from './evidence.repo.ts';

const ATTEMPTS = 5;

/**
 * The signed checkpoint covering every event up to `lastSeq`: the latest when it does, otherwise
 * one signed now (an export must not wait for the schedule; docs/SEALS.md).
 */
async function checkpointCovering(ctx: AppContext, lastSeq: number): Promise<AuditCheckpointsTable> {
  const latest = await latestCheckpoint(ctx.db.kysely);
  if (latest && latest.tree_size >= lastSeq) return latest;
  const made = await createCheckpoint(ctx, 'demand');
  if (!made || made.checkpoint.tree_size < lastSeq) throw new Error(`no checkpoint covers audit event ${lastSeq}`);
  return made.checkpoint;
}

async function readRows(ctx: AppContext, caseId: string, untilSeq: number) {
  const db = ctx.db.kysely;
  const kase = await findCase(db, ctx.dataKeys, caseId);
  if (!kase) throw new AppError('CASE_NOT_FOUND', { caseId });
  const [actions, pages, portraits, signatures, notice, events, crls] = await Promise.all([
    listAllCaseActions(db, caseId),
    listAllCasePages(db, caseId),
    listAllCasePortraits(db, caseId),
    listCaseSignatures(db, caseId),
    findNoticeByCase(db, caseId),
    listCaseEventsUpTo(db, caseId, untilSeq),
    listCrls(db),
  ]);
  const blobs = await listBlobs(db, [...new Set([...pages, ...portraits].map((p) => p.blob_sha256))]);
  return { kase, actions, pages, portraits, signatures, notice: notice ?? null, events, crls, blobs };
}

export type CaseSnapshot = Awaited<ReturnType<typeof readRows>> & { checkpoint: AuditCheckpointsTable };

/**
 * Everything the archive holds of one case, read as of one moment: the case's trail is read up to
 * its last event, a checkpoint covers that event, and nothing of the case was written while the
 * rows were read (every act and every look at a case writes an event of the case). Should the case
 * be busy, the reading starts again; a case changed all the time is refused as a concurrent update.
 */
export async function readCaseSnapshot(ctx: AppContext, caseId: string): Promise<CaseSnapshot> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const lastSeq = await lastCaseEventSeq(ctx.db.kysely, caseId);
    const checkpoint = await checkpointCovering(ctx, lastSeq);
    const rows = await readRows(ctx, caseId, lastSeq);
    if ((await lastCaseEventSeq(ctx.db.kysely, caseId)) === lastSeq) return { ...rows, checkpoint };
  }
  throw new AppError('CASE_CONCURRENT_UPDATE', { caseId });
}
