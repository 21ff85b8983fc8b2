import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { sha256Hex } from '../../../blobs/digests.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import { appendAuditEvent } from '../../audit/audit.repo.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { findUserByUsername, insertSession } from '../org.repo.ts';
import { verifyAgainstDummy, verifyPassword } from '../password.ts';
import { throttleName } from '../sign-in-throttle-policy.ts';
import { type AttemptKeys, claimSignInAttempt, countRefusal, currentThrottleLimits, signInSucceeded } from '../sign-in-throttle.ts';

export interface LoginResult {
  token: string;
  userId: string;
  expiresAt: string;
}

/** The typed name as the trail keeps it: bounded, and cut between characters, not inside one. */
const TRAIL_NAME_CHARS = 64;
const forTrail = (typed: string) => Array.from(typed).slice(0, TRAIL_NAME_CHARS).join('');

/**
 * Signs a user in. Every attempt is first claimed against the name and the source limits
 * (sign-in-throttle-policy.ts); a refused one gets SIGN_IN_THROTTLED and no password check at all.
 * An unknown name is checked against a dummy hash, so it answers like a wrong password, in the
 * same time, in every state. Attempts let through are audited one by one; refused ones once per wait.
 */
export async function login(ctx: AppContext, username: string, password: string, clientIp: string): Promise<LoginResult> {
  const now = ctx.now();
  const at = now.toISOString();
  const keys: AttemptKeys = { name: throttleName(username), source: clientIp };
  const typed = forTrail(username);

  const limits = await currentThrottleLimits(ctx.db);
  const claim = await claimSignInAttempt(ctx.db, keys, now.getTime(), limits);
  if (!claim.admitted) {
    const { retryAfterSeconds } = await inTransaction(ctx.db, async (tx) => {
      const refusal = await countRefusal(tx, claim.kind, keys, now.getTime(), limits);
      if (refusal.first) {
        await appendAuditEvent(tx, {
          at,
          actorId: null,
          actorUnitId: null,
          action: 'auth.login',
          objectType: 'user',
          objectId: null,
          outcome: 'denied',
          reason: 'SIGN_IN_THROTTLED',
          detail: { username: typed, clientIp, throttledBy: claim.kind, retryAfterSeconds: refusal.retryAfterSeconds },
        });
      }
      return refusal;
    });
    throw new AppError('SIGN_IN_THROTTLED', { retryAfterSeconds });
  }

  const user = await findUserByUsername(ctx.db.kysely, username);
  const account = user && !user.disabled ? user : undefined;
  const valid = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDummy(password);
  const { name, source } = claim.refusedBefore;
  const refusedWhileWaiting = name || source ? { refusedWhileWaiting: { name, source } } : {};

  if (!account || !valid) {
    await recordAudit(ctx, {
      at,
      actorId: account?.id ?? null,
      actorUnitId: account?.unit_id ?? null,
      action: 'auth.login',
      objectType: 'user',
      objectId: account?.id ?? null,
      outcome: 'denied',
      reason: 'AUTH_FAILED',
      detail: {
        username: typed,
        clientIp,
        attempt: claim.attempt,
        ...refusedWhileWaiting,
        ...(claim.waitIfFailedMs ? { waitSeconds: claim.waitIfFailedMs / 1000 } : {}),
      },
    });
    throw new AppError('AUTH_FAILED');
  }

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000).toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await signInSucceeded(tx, keys, limits);
    await insertSession(tx, { token_hash: sha256Hex(token), user_id: account.id, created_at: at, expires_at: expiresAt, revoked_at: null });
    await appendAuditEvent(tx, {
      at,
      actorId: account.id,
      actorUnitId: account.unit_id,
      action: 'auth.login',
      objectType: 'user',
      objectId: account.id,
      outcome: 'ok',
      detail: { clientIp, ...refusedWhileWaiting },
    });
  });
  return { token, userId: account.id, expiresAt };
}
