import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canAssignRoles } from '../org.policy.ts';
import { findUserWithUnit, revokeUserSessions, setUserRole } from '../org.repo.ts';
import { type AdminUserView, presentAdminUser } from '../present-account.ts';
import { isAdministratorRole, isRole, ROLES, roleFitsUnitKind } from '../roles.ts';

/**
 * The security administrator gives a business account another business role that fits its unit.
 * The account's sessions end, so the new role applies from the next sign-in and no page keeps
 * acting under the old one. Administrator roles and accounts are out of reach (三员分立).
 */
export function assignRole(ctx: AppContext, actor: Actor, userId: string, role: string, idempotencyKey: string): Promise<AdminUserView> {
  const target = { action: 'admin.role_assign' as const, objectType: 'user', objectId: userId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'role_assign', userId, role } }, async (tx) => {
    if (!canAssignRoles(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    if (!isRole(role)) throw new AppError('VALIDATION_FAILED', { field: 'role' });
    if (isAdministratorRole(role)) throw forbidden('ADMINISTRATOR_ROLE');
    const at = ctx.now().toISOString();
    const user = await findUserWithUnit(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', { userId });
    if (isAdministratorRole(user.role)) throw forbidden('ADMINISTRATOR_ACCOUNT');
    if (!roleFitsUnitKind(role, user.unit_kind))
      throw new AppError('ROLE_UNIT_MISMATCH', { role, unitKind: user.unit_kind, roleUnitKind: ROLES[role].unitKind });
    await setUserRole(tx, userId, role);
    const sessionsEnded = await revokeUserSessions(tx, userId, at);
    return {
      result: presentAdminUser({ ...user, role }),
      at,
      audit: { detail: { username: user.username, from: user.role, to: role, sessionsEnded } },
    };
  });
}
