import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { sha256Hex } from '../../../blobs/digests.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import { appendAuditEvent } from '../../audit/audit.repo.ts';
import { findUserByUsername, insertSession, recordLoginFailure, recordLoginSuccess } from '../org.repo.ts';
import { hashPassword, verifyPassword } from '../password.ts';
import { recordAudit } from '../../audit/record-audit.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  userId: string;
  expiresAt: string;
}

/** Signs a user in. Failures count towards a lockout and are audited like successes. */
export async function login(ctx: AppContext, username: string, password: string, clientIp: string): Promise<LoginResult> {
  const now = ctx.now();
  const at = now.toISOString();
  const user = await findUserByUsername(ctx.db.kysely, username);
  if (!user || user.disabled) {
    // Spend the same time as a real check so user names cannot be probed by timing.
    await verifyPassword(await (dummyHash ??= hashPassword('not-a-password')), password);
    await recordAudit(ctx, {
      at, actorId: null, actorUnitId: null, action: 'auth.login', objectType: 'user', objectId: null,
      outcome: 'denied', reason: 'AUTH_FAILED', detail: { username, clientIp },
    });
    throw new AppError('AUTH_FAILED');
  }
  const audit = (outcome: 'ok' | 'denied', reason: string | null, tx: Parameters<typeof appendAuditEvent>[0]) =>
    appendAuditEvent(tx, {
      at, actorId: user.id, actorUnitId: user.unit_id, action: 'auth.login', objectType: 'user', objectId: user.id,
      outcome, reason, detail: { clientIp },
    });

  if (user.locked_until && user.locked_until > at) {
    await inTransaction(ctx.db, (tx) => audit('denied', 'ACCOUNT_LOCKED', tx));
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: user.locked_until });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failed = user.failed_logins + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await inTransaction(ctx.db, async (tx) => {
      await recordLoginFailure(tx, user.id, lockedUntil ? 0 : failed, lockedUntil);
      await audit('denied', lockedUntil ? 'ACCOUNT_LOCKED' : 'AUTH_FAILED', tx);
    });
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { lockedUntil });
    throw new AppError('AUTH_FAILED');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3_600_000).toISOString();
  await inTransaction(ctx.db, async (tx) => {
    await recordLoginSuccess(tx, user.id);
    await insertSession(tx, { token_hash: sha256Hex(token), user_id: user.id, created_at: at, expires_at: expiresAt, revoked_at: null });
    await audit('ok', null, tx);
  });
  return { token, userId: user.id, expiresAt };
}
