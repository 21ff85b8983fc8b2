import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/** 呈报: the station sends the case up its approval chain; the approval clock starts now. */
export function submitCase(ctx: AppContext, actor: Actor, caseId: string, body: { comment?: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'submit', idempotencyKey, body }, async (_tx, _kase, ref, at) => ({
    comment: body.comment ?? null,
    changes: {
      submitted_at: at,
      approval_deadline: new Date(Date.parse(at) + ref.subtype.approvalLimitHours * 3_600_000).toISOString(),
    },
  }));
}
