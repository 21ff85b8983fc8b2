import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../actor.ts';
import { findUserById, replaceUserPassword, revokeUserSessions } from '../org.repo.ts';
import { hashPassword, verifyPassword } from '../password.ts';
import { passwordViolations, throttleLimitsOf } from '../security-policy.ts';
import { loadSecurityPolicy } from '../security-policy.repo.ts';
import { claimPasswordCheck, passwordCheckSucceeded } from '../sign-in-throttle.ts';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export interface PasswordChanged {
  userId: string;
  passwordChangedAt: string;
  otherSessionsEnded: number;
}

/**
 * A signed-in user replaces their password (a temporary one included, which lifts
 * PASSWORD_CHANGE_REQUIRED). The current password is checked first, rationed like a sign-in on a
 * streak of the user's own, so a borrowed session cannot guess it quickly; then the new one against
 * the security administrator's policy. Sessions on other devices end; this one stays. Neither
 * password reaches the trail or the idempotency record (whose fingerprint is only the user).
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  change: PasswordChange,
  sessionTokenHash: string,
  idempotencyKey: string,
): Promise<PasswordChanged> {
  const target = { action: 'auth.password_change' as const, objectType: 'user', objectId: actor.userId };
  const { policy } = await loadSecurityPolicy(ctx.db.kysely);
  // The slow parts (argon2 verify and hash) run before the act's transaction, so the one SQLite
  // writer is not held for them; the act then stores the hash only if the password checked is
  // still the stored one.
  const claim = await claimPasswordCheck(ctx.db, actor.userId, ctx.now().getTime(), throttleLimitsOf(policy.lockout));
  const user = claim.admitted ? await findUserById(ctx.db.kysely, actor.userId) : undefined;
  const currentIsRight = user !== undefined && (await verifyPassword(user.password_hash, change.currentPassword));
  if (currentIsRight) await inTransaction(ctx.db, (tx) => passwordCheckSucceeded(tx, actor.userId));
  const violations = currentIsRight
    ? passwordViolations(change.newPassword, policy.password, { username: actor.username, currentPassword: change.currentPassword })
    : [];
  const newHash = currentIsRight && violations.length === 0 ? await hashPassword(change.newPassword) : undefined;

  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'password_change', userId: actor.userId } }, async (tx) => {
    if (!claim.admitted) throw new AppError('SIGN_IN_THROTTLED', { retryAfterSeconds: claim.retryAfterSeconds });
    if (!user || !currentIsRight) throw new AppError('PASSWORD_WRONG');
    if (violations.length > 0) throw new AppError('PASSWORD_POLICY_VIOLATED', { rules: violations, ...policy.password });
    const at = ctx.now().toISOString();
    // Another change (or a reset) since the check: the password checked is no longer the current one.
    if (!newHash || !(await replaceUserPassword(tx, user.id, user.password_hash, newHash, at))) throw new AppError('PASSWORD_WRONG');
    const otherSessionsEnded = await revokeUserSessions(tx, user.id, at, sessionTokenHash);
    return {
      result: { userId: user.id, passwordChangedAt: at, otherSessionsEnded },
      at,
      audit: { detail: { temporaryReplaced: user.must_change_password === 1, otherSessionsEnded } },
    };
  });
}
