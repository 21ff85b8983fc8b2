import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../org/actor.ts';
import { canReadAuditTrail } from './audit.policy.ts';
import { listAuditEvents } from './audit.repo.ts';
import { presentAuditEvent } from './present-audit-event.ts';
import { recordAudit } from './record-audit.ts';

function audit(ctx: AppContext, actor: Actor, outcome: 'ok' | 'denied', detail: Record<string, unknown>) {
  return recordAudit(ctx, {
    at: ctx.now().toISOString(),
    actorId: actor.userId,
    actorUnitId: actor.unitId,
    action: 'audit.read',
    objectType: 'audit_trail',
    objectId: null,
    outcome,
    reason: outcome === 'denied' ? 'ROLE_NOT_PERMITTED' : null,
    detail,
  });
}

export async function readAuditTrail(ctx: AppContext, actor: Actor, afterSeq: number, limit: number) {
  if (!canReadAuditTrail(actor)) {
    await audit(ctx, actor, 'denied', { afterSeq });
    throw new AppError('FORBIDDEN', { reason: 'ROLE_NOT_PERMITTED' });
  }
  const rows = await listAuditEvents(ctx.db.kysely, afterSeq, limit);
  await audit(ctx, actor, 'ok', { afterSeq, count: rows.length });
  return { events: rows.map(presentAuditEvent) };
}
