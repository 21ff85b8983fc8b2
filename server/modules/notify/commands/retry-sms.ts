import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentSms } from '../present-sms.ts';
import { canOperateSms } from '../sms.policy.ts';
import { findSms, requeueSms } from '../sms.repo.ts';

/**
 * 重新发送: the system administrator queues a failed text for a fresh round of attempts. A text
 * failed as "outcome unknown" may then reach its number twice: the page says so before the act.
 */
export function retrySms(ctx: AppContext, actor: Actor, smsId: string, idempotencyKey: string) {
  const target = { action: 'sms.retry' as const, objectType: 'sms', objectId: smsId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'sms_retry', smsId } }, async (tx) => {
    const decision = canOperateSms(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const before = await findSms(tx, smsId);
    if (!before) throw new AppError('NOT_FOUND', { smsId });
    if (before.state !== 'failed' || !before.to_phone) throw new AppError('SMS_NOT_RETRIABLE', { state: before.state });
    const at = ctx.now().toISOString();
    if (!(await requeueSms(tx, smsId, at))) throw new AppError('SMS_NOT_RETRIABLE', { state: before.state });
    const after = await findSms(tx, smsId);
    return {
      result: presentSms(after ?? before),
      at,
      audit: { caseId: before.case_id, detail: { attemptsBefore: before.attempts, lastError: before.last_error } },
    };
  });
}
