import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/** 退回: any level of the chain sends the case back to the station, saying why; the station is told after commit. */
export function returnCase(ctx: AppContext, actor: Actor, caseId: string, body: { reason: string }, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'return', idempotencyKey, body }, async (_tx, kase) => ({
    comment: body.reason,
    outbox: [{ topic: 'case.returned', caseId: kase.id, payload: { caseNo: kase.case_no, unitId: kase.unit_id, reason: body.reason } }],
  }));
}
