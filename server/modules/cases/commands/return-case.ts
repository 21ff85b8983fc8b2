import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/** 退回: any level of the chain sends the case back to the station, saying why. */
export function returnCase(ctx: AppContext, actor: Actor, caseId: string, body: { reason: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'return', idempotencyKey, body }, async () => ({ comment: body.reason }));
}
