import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/**
 * 审批: the last level of the chain approves, and the station is to be told (outbox, sent after
 * commit). Seals and the approval notice attach here in a later step.
 */
export function approveCase(ctx: AppContext, actor: Actor, caseId: string, body: { comment?: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'approve', idempotencyKey, body }, async (_tx, kase) => ({
    comment: body.comment ?? null,
    outbox: [{ topic: 'case.approved', caseId: kase.id, payload: { caseNo: kase.case_no, unitId: kase.unit_id, approvedBy: actor.userId } }],
  }));
}
