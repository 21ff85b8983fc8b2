import type { AppContext } from '../../context.ts';
import { AppError, isAppError } from '../../errors.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import type { Actor } from '../org/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';

/**
 * Records a refused act in its own transaction, after the act's transaction rolled back, so the trail
 * shows every attempt. Authorization refusals are 'denied', rule refusals are 'refused'.
 */
export async function recordRefusal(ctx: AppContext, actor: Actor, action: AuditAction, caseId: string | null, error: unknown): Promise<void> {
  if (!isAppError(error) || error.status >= 500) return;
  const denied = error.code === 'FORBIDDEN' || error.code === 'CASE_NOT_FOUND' || error.code === 'IMAGE_NOT_FOUND';
  await recordAudit(ctx, {
    at: ctx.now().toISOString(), actorId: actor.userId, actorUnitId: actor.unitId, action,
    objectType: 'case', objectId: caseId, caseId: error.code === 'CASE_NOT_FOUND' ? null : caseId,
    outcome: denied ? 'denied' : 'refused', reason: String(error.details?.reason ?? error.code),
    detail: { code: error.code, ...(error.details ?? {}) },
  });
}

/** Runs an act and records it as refused if it throws, then rethrows. */
export async function withRefusalRecorded<T>(ctx: AppContext, actor: Actor, action: AuditAction, caseId: string | null, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await recordRefusal(ctx, actor, action, caseId, error);
    throw error;
  }
}

export function forbidden(reason: string): AppError {
  return new AppError('FORBIDDEN', { reason });
}
