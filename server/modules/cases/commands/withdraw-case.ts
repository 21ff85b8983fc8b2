import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/** 撤回: the station closes a case the applicant gave up, before submission or after a return. */
export function withdrawCase(ctx: AppContext, actor: Actor, caseId: string, body: { reason: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'withdraw', idempotencyKey, body }, async () => ({ comment: body.reason }));
}
