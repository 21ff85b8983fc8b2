import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/** 呈报: the station sends the case up its approval chain; the approval clock starts now (case-projection.ts). */
export function submitCase(ctx: AppContext, actor: Actor, caseId: string, body: { comment?: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'submit', idempotencyKey, body }, async () => ({ comment: body.comment ?? null }));
}
