import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { RetryableConflict } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentVerification } from '../present-spot-check.ts';
import { canAnswerPaperVerification } from '../spot-checks.policy.ts';
import { answerVerification, findVerification } from '../spot-checks.repo.ts';

/** 答复核实: the station took out the paper original and says whether it matches (一致 / 不一致), late or not. */
export function answerPaperVerification(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { result: 'consistent' | 'inconsistent'; note: string },
  idempotencyKey: string,
) {
  const target = { action: 'supervision.paper_verification_answer' as const, objectType: 'paper_verification', objectId: id };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'paper_verification_answer', id, body: input } }, async (tx) => {
    const row = await findVerification(tx, id);
    if (!row) throw new AppError('NOT_FOUND', { id });
    const decision = canAnswerPaperVerification(actor, { stationUnitId: row.station_unit_id, stationPath: row.station_path });
    if (!decision.allow) throw decision.notFound ? new AppError('NOT_FOUND', { id }) : forbidden(decision.reason);
    if (row.state === 'answered') throw new AppError('PAPER_VERIFICATION_ANSWERED', { id });
    const at = ctx.now().toISOString();
    const answer = { answer: input.result, answer_note: input.note, answered_by: actor.userId, answered_at: at };
    if (!(await answerVerification(tx, id, row.version, answer))) throw new RetryableConflict();
    return {
      result: presentVerification({ ...row, ...answer, state: 'answered', answered_by_name: actor.displayName }, ctx.catalogs, actor),
      at,
      audit: { caseId: row.case_id, reason: input.note, detail: { result: input.result, materialCode: row.material_code, late: at > row.due_at } },
    };
  });
}
