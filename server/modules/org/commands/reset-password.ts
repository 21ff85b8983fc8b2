import { randomUUID } from 'node:crypto';
import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageAccounts } from '../org.policy.ts';
import { findUserWithUnit, revokeUserSessions, setUserPassword } from '../org.repo.ts';
import { generateTemporaryPassword, hashPassword } from '../password.ts';
import { presentAdminUser } from '../present-account.ts';
import { isAdministratorRole } from '../roles.ts';
import { loadSecurityPolicy } from '../security-policy.repo.ts';
import { answerIssuedPassword, type IssuedPassword, type StoredIssue } from './issued-password.ts';

/**
 * The system administrator gives a business account a new temporary password, answered once; its
 * owner must replace it at the next sign-in, and every session of the account ends now, so whoever
 * held the old password is out. Never for an administrator account.
 */
export async function resetPassword(ctx: AppContext, actor: Actor, userId: string, idempotencyKey: string): Promise<IssuedPassword> {
  const target = { action: 'admin.password_reset' as const, objectType: 'user', objectId: userId };
  const { policy } = await loadSecurityPolicy(ctx.db.kysely);
  const temporaryPassword = generateTemporaryPassword(policy.password.minLength);
  // Hashed before the act's transaction (see create-account.ts).
  const passwordHash = canManageAccounts(actor) ? await hashPassword(temporaryPassword) : '';
  const issue = randomUUID();
  const stored = await runAct<StoredIssue>(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'password_reset', userId } }, async (tx) => {
    if (!canManageAccounts(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now().toISOString();
    const user = await findUserWithUnit(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', { userId });
    if (isAdministratorRole(user.role)) throw forbidden('ADMINISTRATOR_ACCOUNT');
    await setUserPassword(tx, userId, passwordHash, true, at);
    const sessionsEnded = await revokeUserSessions(tx, userId, at);
    const reset = { ...user, must_change_password: 1 as const, password_changed_at: at };
    return { result: { user: presentAdminUser(reset), issue }, at, audit: { detail: { username: user.username, sessionsEnded } } };
  });
  return answerIssuedPassword(stored, issue, temporaryPassword);
}
