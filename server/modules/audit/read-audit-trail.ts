import type { AppContext } from '../../context.ts';
import type { Actor } from '../org/actor.ts';
import { canReadAuditTrail } from './audit.policy.ts';
import { listAuditEvents } from './audit.repo.ts';
import { auditedRead, forbidden } from './audited.ts';
import { presentAuditEvent } from './present-audit-event.ts';

/** The whole trail, a page at a time, for the audit administrator; reading it is itself on the trail. */
export function readAuditTrail(ctx: AppContext, actor: Actor, afterSeq: number, limit: number) {
  return auditedRead(ctx, actor, { action: 'audit.read', objectType: 'audit_trail', objectId: null }, async () => {
    if (!canReadAuditTrail(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const rows = await listAuditEvents(ctx.db.kysely, afterSeq, limit);
    return { result: { events: rows.map(presentAuditEvent) }, detail: { afterSeq, count: rows.length } };
  });
}
