import type { AppContext } from '../../context.ts';
import { sha256Hex } from '../../blobs/digests.ts';
import { AppError } from '../../errors.ts';
import type { SessionActor } from './actor.ts';
import { findLiveSession } from './org.repo.ts';
import { isRole } from './roles.ts';

/** Resolves a session token to the actor, or refuses with AUTH_REQUIRED. */
export async function authenticate(ctx: AppContext, token: string | undefined): Promise<SessionActor> {
  if (!token) throw new AppError('AUTH_REQUIRED');
  const row = await findLiveSession(ctx.db.kysely, sha256Hex(token), ctx.now().toISOString());
  if (!row || row.disabled || !isRole(row.role)) throw new AppError('AUTH_REQUIRED');
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitId: row.unitId,
    unitKind: row.unitKind,
    unitPath: row.unitPath,
    mustChangePassword: row.mustChangePassword === 1,
  };
}
