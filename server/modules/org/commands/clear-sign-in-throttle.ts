import type { AppContext } from '../../../context.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import type { AuditAction } from '../../audit/audit-actions.ts';
import { appendAuditEvent } from '../../audit/audit.repo.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../actor.ts';
import { canClearSignInThrottle } from '../org.policy.ts';
import { findUserById } from '../org.repo.ts';
import { throttleName } from '../sign-in-throttle-policy.ts';
import { deleteStreak } from '../sign-in-throttle.repo.ts';

// Not yet in AUDIT_ACTIONS (audit-actions.ts belongs to the audit module): asked for in the report.
export const CLEAR_THROTTLE: AuditAction = 'auth.throttle_clear';

export interface ClearedThrottle {
  userId: string;
  username: string;
  /** Whether the name had a streak to clear, and its size. */
  cleared: boolean;
  failures: number;
  refused: number;
}

/**
 * The security administrator ends the sign-in streak of an account's name, so its owner may try
 * again at once. Source limits are untouched: they are not any one account's. Audited, refusals too.
 */
export async function clearSignInThrottle(ctx: AppContext, actor: Actor, userId: string): Promise<ClearedThrottle> {
  const at = ctx.now().toISOString();
  const event = { at, actorId: actor.userId, actorUnitId: actor.unitId, action: CLEAR_THROTTLE, objectType: 'user', objectId: userId };
  if (!canClearSignInThrottle(actor)) {
    await recordAudit(ctx, { ...event, outcome: 'denied', reason: 'ROLE_NOT_PERMITTED', detail: { code: 'FORBIDDEN' } });
    throw new AppError('FORBIDDEN', { reason: 'ROLE_NOT_PERMITTED' });
  }
  const user = await findUserById(ctx.db.kysely, userId);
  if (!user) {
    await recordAudit(ctx, { ...event, outcome: 'denied', reason: 'NOT_FOUND', detail: { code: 'NOT_FOUND' } });
    throw new AppError('NOT_FOUND', { userId });
  }
  return inTransaction(ctx.db, async (tx) => {
    const streak = await deleteStreak(tx, 'name', throttleName(user.username));
    const result = { userId: user.id, username: user.username, cleared: !!streak, failures: streak?.failures ?? 0, refused: streak?.refused ?? 0 };
    await appendAuditEvent(tx, {
      ...event,
      outcome: 'ok',
      detail: { username: user.username, cleared: result.cleared, failures: result.failures, refused: result.refused },
    });
    return result;
  });
}
