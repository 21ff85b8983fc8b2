import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageAccounts } from '../org.policy.ts';
import { findUserWithUnit, revokeUserSessions, setUserDisabled } from '../org.repo.ts';
import { type AdminUserView, presentAdminUser } from '../present-account.ts';
import { isAdministratorRole } from '../roles.ts';

/**
 * The system administrator disables a business account (it can no longer sign in, and its sessions
 * end now) or enables it again. The account and everything it did stay: cases and the trail refer
 * to it. Never for an administrator account.
 */
export function setAccountDisabled(ctx: AppContext, actor: Actor, userId: string, disabled: boolean, idempotencyKey: string): Promise<AdminUserView> {
  const target = { action: disabled ? ('admin.user_disable' as const) : ('admin.user_enable' as const), objectType: 'user', objectId: userId };
  const fingerprint = { act: disabled ? 'user_disable' : 'user_enable', userId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint }, async (tx) => {
    if (!canManageAccounts(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now().toISOString();
    const user = await findUserWithUnit(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', { userId });
    if (isAdministratorRole(user.role)) throw forbidden('ADMINISTRATOR_ACCOUNT');
    await setUserDisabled(tx, userId, disabled);
    const sessionsEnded = disabled ? await revokeUserSessions(tx, userId, at) : 0;
    return {
      result: presentAdminUser({ ...user, disabled: disabled ? 1 : 0 }),
      at,
      audit: { detail: { username: user.username, wasDisabled: user.disabled === 1, ...(disabled ? { sessionsEnded } : {}) } },
    };
  });
}
