import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/** 审核: a level before the last agrees and passes the case up. */
export function reviewCase(ctx: AppContext, actor: Actor, caseId: string, body: { comment?: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'review', idempotencyKey, body }, async () => ({ comment: body.comment ?? null }));
}
