import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentPaperFile } from '../present-paper-file.ts';
import { canFilePaper, canFilePaperOf } from '../paper-archive.policy.ts';
import {
  appendPaperAction,
  DECIDED_STATUSES,
  findCasesWithFile,
  findHolders,
  insertPaperFile,
  nextSequence,
  type PaperFileRow,
} from '../paper-archive.repo.ts';
import type { BindInput, PaperFileView } from '../paper-archive.schema.ts';

/**
 * 装订: the station binds decided cases' paper files into one volume of one box, in the order given,
 * numbering them from `firstSequence` (or after the volume's last file). One case is a batch of one.
 * All or nothing: a case not decided, already bound, or a place already taken refuses the whole batch.
 */
export function bindPaperFiles(ctx: AppContext, actor: Actor, input: BindInput, idempotencyKey: string): Promise<{ items: PaperFileView[] }> {
  const volume = `${input.boxNo}/${input.volumeNo}`;
  const target = {
    action: 'paper.bind' as const,
    objectType: 'paper_volume',
    objectId: volume,
    caseId: input.caseIds.length === 1 ? input.caseIds[0] : null,
  };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: input }, async (tx) => {
    const role = canFilePaper(actor);
    if (!role.allow) throw forbidden(role.reason);
    const rows = new Map((await findCasesWithFile(tx, input.caseIds)).map((row) => [row.case_id, row]));
    const ordered: PaperFileRow[] = input.caseIds.map((caseId) => {
      const row = rows.get(caseId);
      if (!row || !canFilePaperOf(actor, { unitId: row.unit_id, unitPath: row.unit_path }).allow) throw new AppError('CASE_NOT_FOUND', { caseId });
      if (!(DECIDED_STATUSES as readonly string[]).includes(row.status) || !row.decided_at) {
        throw new AppError('PAPER_CASE_NOT_DECIDED', { caseId, caseNo: row.case_no, status: row.status });
      }
      if (row.bound_at) throw new AppError('PAPER_FILE_ALREADY_BOUND', { caseNo: row.case_no, ...placeOf(row) });
      return row;
    });
    const first = input.firstSequence ?? (await nextSequence(tx, actor.unitId, input.boxNo, input.volumeNo));
    const sequences = ordered.map((_, index) => first + index);
    const [holder] = await findHolders(tx, actor.unitId, input.boxNo, input.volumeNo, sequences);
    if (holder) throw placeTaken(input, holder.sequence, holder.case_no);
    const at = ctx.now().toISOString();
    for (const [index, row] of ordered.entries()) {
      const sequence = first + index;
      const place = { box_no: input.boxNo, volume_no: input.volumeNo, sequence };
      const filed = await insertPaperFile(tx, {
        case_id: row.case_id,
        unit_id: actor.unitId,
        ...place,
        bound_by: actor.userId,
        bound_at: at,
        moved_at: null,
        version: 1,
      });
      // Another act filed this case or took this place since the checks above.
      if (!filed) throw placeTaken(input, sequence, null);
      await appendPaperAction(tx, { case_id: row.case_id, seq: 1, action: 'bind', ...place, actor_id: actor.userId, at, reason: null });
      Object.assign(row, place, { bound_by: actor.userId, bound_at: at, bound_by_name: actor.displayName, version: 1 });
    }
    const items = ordered.map((row) => presentPaperFile(row, ctx.catalogs, actor, new Date(at), ctx.config.paperBindDay));
    return {
      result: { items },
      at,
      audit: {
        detail: {
          boxNo: input.boxNo,
          volumeNo: input.volumeNo,
          files: ordered.map((row, index) => ({ caseId: row.case_id, caseNo: row.case_no, sequence: first + index })),
        },
      },
    };
  });
}

function placeOf(row: PaperFileRow) {
  return { boxNo: row.box_no, volumeNo: row.volume_no, sequence: row.sequence };
}

function placeTaken(input: { boxNo: string; volumeNo: string }, sequence: number, heldBy: string | null): AppError {
  return new AppError('PAPER_PLACE_TAKEN', { boxNo: input.boxNo, volumeNo: input.volumeNo, sequence, heldBy });
}
