import type { AppContext } from '../../context.ts';
import type { Actor } from '../org/actor.ts';
import { canReadAuditTrail } from './audit.policy.ts';
import { type AuditTrailFilter, type AuditTrailPage, listAuditTrail } from './audit.repo.ts';
import { auditedRead, forbidden } from './audited.ts';
import { presentAuditEvent } from './present-audit-event.ts';

/**
 * The whole trail, a page at a time, for the audit administrator, narrowed by what they filter on;
 * reading it is itself on the trail, with the filter they used.
 */
export function readAuditTrail(ctx: AppContext, actor: Actor, filter: AuditTrailFilter, page: AuditTrailPage) {
  return auditedRead(ctx, actor, { action: 'audit.read', objectType: 'audit_trail', objectId: null }, async () => {
    if (!canReadAuditTrail(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const rows = await listAuditTrail(ctx.db.kysely, filter, page);
    const last = rows[rows.length - 1];
    const nextCursor = rows.length === page.limit && last ? last.seq : null;
    const cursor = page.order === 'asc' ? { afterSeq: page.afterSeq } : { beforeSeq: page.beforeSeq };
    return {
      result: { events: rows.map(presentAuditEvent), nextCursor },
      detail: { ...cursor, order: page.order, filter: { ...filter }, count: rows.length },
    };
  });
}
