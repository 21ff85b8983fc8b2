import type { AppContext } from '../../context.ts';
import { AppError, isAppError } from '../../errors.ts';
import type { Actor } from '../org/actor.ts';
import type { AuditAction } from './audit-actions.ts';
import { recordAudit } from './record-audit.ts';

/** What an audited act or look is about: the trail's object columns. */
export interface AuditTarget {
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  caseId?: string | null;
}

const DENIED_CODES = new Set(['FORBIDDEN', 'CASE_NOT_FOUND', 'IMAGE_NOT_FOUND', 'NOT_FOUND']);
// Integrity failures are the server's fault, not the caller's, yet the trail must show them.
const RECORDED_SERVER_CODES = new Set(['CASE_STATE_DRIFT', 'BLOB_INTEGRITY_FAILED', 'PROTECTED_DATA_INVALID', 'SIGNING_FAILED']);

/** The part of an event that says who did what to which object, and when. */
export function eventBy(actor: Actor, target: AuditTarget, at: string) {
  return {
    at,
    actorId: actor.userId,
    actorUnitId: actor.unitId,
    action: target.action,
    objectType: target.objectType,
    objectId: target.objectId,
    caseId: target.caseId ?? null,
  };
}

/**
 * Records a refused act or look in its own transaction, after the act's own transaction rolled
 * back, so the trail shows attempts too. Authorization refusals are 'denied', rule refusals
 * 'refused'. An object the actor may not see is not tied to its case, so the case's own trail
 * does not reveal to later readers who probed it from outside.
 */
export async function recordRefusal(ctx: AppContext, actor: Actor, target: AuditTarget, error: unknown): Promise<void> {
  if (!isAppError(error) || (error.status >= 500 && !RECORDED_SERVER_CODES.has(error.code))) return;
  const denied = DENIED_CODES.has(error.code);
  await recordAudit(ctx, {
    ...eventBy(actor, target, ctx.now().toISOString()),
    caseId: error.code === 'CASE_NOT_FOUND' ? null : (target.caseId ?? null),
    outcome: denied ? 'denied' : 'refused',
    reason: typeof error.details?.reason === 'string' ? error.details.reason : error.code,
    detail: { code: error.code, ...(error.details ?? {}) },
  });
}

/** Runs an act or a look and records it as refused if it throws, then rethrows. */
export async function withRefusalRecorded<T>(ctx: AppContext, actor: Actor, target: AuditTarget, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await recordRefusal(ctx, actor, target, error);
    throw error;
  }
}

export interface AuditedRead<T> {
  result: T;
  detail?: Record<string, unknown>;
  reason?: string | null;
  /** When the look turns out to concern another object than the target named beforehand. */
  objectId?: string | null;
}

/**
 * A look that changes nothing but must be on the record: it runs, and then its event is written
 * (refusals too), so the trail answers "who looked at this person's file" as well as "who changed it".
 */
export function auditedRead<T>(ctx: AppContext, actor: Actor, target: AuditTarget, read: () => Promise<AuditedRead<T>>): Promise<T> {
  return withRefusalRecorded(ctx, actor, target, async () => {
    const { result, detail, reason, objectId } = await read();
    await recordAudit(ctx, {
      ...eventBy(actor, target, ctx.now().toISOString()),
      objectId: objectId === undefined ? target.objectId : objectId,
      outcome: 'ok',
      reason: reason ?? null,
      detail,
    });
    return result;
  });
}

export function forbidden(reason: string): AppError {
  return new AppError('FORBIDDEN', { reason });
}
