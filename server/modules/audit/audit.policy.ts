import type { Actor } from '../org/actor.ts';

/** Only the audit administrator reads the whole trail; the other two administrators never do. */
export function canReadAuditTrail(actor: Actor): boolean {
  return actor.role === 'audit_admin';
}
