import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { RetryableConflict } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentPaperFile } from '../present-paper-file.ts';
import { canFilePaper, canFilePaperOf } from '../paper-archive.policy.ts';
import { appendPaperAction, findCaseWithFile, findHolders, lastPaperActionSeq, updatePlace } from '../paper-archive.repo.ts';
import type { MoveInput, PaperFileView } from '../paper-archive.schema.ts';

// A unique violation: a concurrent act took the place after this one checked it.
const UNIQUE_VIOLATION = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE']);

/**
 * 移卷: a bound file moves to another place (re-boxed, a volume split) only with a reason, which the
 * file's log and the trail keep with the old and new places.
 */
export function movePaperFile(ctx: AppContext, actor: Actor, caseId: string, input: MoveInput, idempotencyKey: string): Promise<PaperFileView> {
  const target = { action: 'paper.move' as const, objectType: 'paper_file', objectId: caseId, caseId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { caseId, ...input } }, async (tx) => {
    const role = canFilePaper(actor);
    if (!role.allow) throw forbidden(role.reason);
    const row = await findCaseWithFile(tx, caseId);
    if (!row || !canFilePaperOf(actor, { unitId: row.unit_id, unitPath: row.unit_path }).allow) throw new AppError('CASE_NOT_FOUND', { caseId });
    if (row.version === null || row.box_no === null || row.volume_no === null || row.sequence === null) {
      throw new AppError('PAPER_FILE_NOT_BOUND', { caseNo: row.case_no });
    }
    const from = { boxNo: row.box_no, volumeNo: row.volume_no, sequence: row.sequence };
    const to = { boxNo: input.boxNo, volumeNo: input.volumeNo, sequence: input.sequence };
    if (from.boxNo === to.boxNo && from.volumeNo === to.volumeNo && from.sequence === to.sequence) throw new AppError('PAPER_MOVE_UNCHANGED', to);
    const [holder] = await findHolders(tx, row.unit_id, to.boxNo, to.volumeNo, [to.sequence]);
    if (holder) throw new AppError('PAPER_PLACE_TAKEN', { ...to, heldBy: holder.case_no });
    const at = ctx.now().toISOString();
    const moved = await updatePlace(tx, caseId, row.version, to, at).catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && UNIQUE_VIOLATION.has(code)) throw new AppError('PAPER_PLACE_TAKEN', { ...to, heldBy: null });
      throw error;
    });
    if (!moved) throw new RetryableConflict();
    const seq = (await lastPaperActionSeq(tx, caseId)) + 1;
    await appendPaperAction(tx, {
      case_id: caseId,
      seq,
      action: 'move',
      box_no: to.boxNo,
      volume_no: to.volumeNo,
      sequence: to.sequence,
      actor_id: actor.userId,
      at,
      reason: input.reason,
    });
    const updated = { ...row, box_no: to.boxNo, volume_no: to.volumeNo, sequence: to.sequence, moved_at: at, version: row.version + 1 };
    return {
      result: presentPaperFile(updated, ctx.catalogs, actor, new Date(at), ctx.config.paperBindDay),
      at,
      audit: { reason: input.reason, detail: { caseNo: row.case_no, from, to, seq } },
    };
  });
}
