import type { AppContext } from '../../../context.ts';
import { issueNotice } from '../../notices/issue-notice.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/**
 * 审批: the last level of the chain approves, and the station is to be told (outbox, sent after
 * commit). The approval notice (电子通知单) is made and signed in the same transaction: no approval
 * is kept without it (sealed beforehand when the province's seal system signs: remotely-signed-act.ts).
 * The trail's event carries the notice's hashes, so the chain covers it.
 */
export function approveCase(ctx: AppContext, actor: Actor, caseId: string, body: { comment?: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'approve', idempotencyKey, body }, async (tx, kase, ref, at, presigned) => {
    const notice = await issueNotice(tx, ctx, actor, kase, ref, at, presigned?.notice);
    return {
      comment: body.comment ?? null,
      detail: { notice },
      outbox: [{ topic: 'case.approved', caseId: kase.id, payload: { caseNo: kase.case_no, unitId: kase.unit_id, approvedBy: actor.userId } }],
    };
  });
}
