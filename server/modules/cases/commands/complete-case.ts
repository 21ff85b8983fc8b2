import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/** 办结: the station finishes an approved case once the registry is updated. */
export function completeCase(ctx: AppContext, actor: Actor, caseId: string, body: { comment?: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'complete', idempotencyKey, body }, async () => ({ comment: body.comment ?? null }));
}
