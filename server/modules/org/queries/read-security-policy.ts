import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageSecurityPolicy } from '../org.policy.ts';
import type { StoredSecurityPolicy } from '../security-policy.repo.ts';
import { loadSecurityPolicy } from '../security-policy.repo.ts';

export function presentSecurityPolicy(stored: StoredSecurityPolicy) {
  return { policy: stored.policy, defaults: !stored.stored, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
}

/** The password and lockout policy in force, for the security administrator. */
export function readSecurityPolicy(ctx: AppContext, actor: Actor) {
  return auditedRead(ctx, actor, { action: 'admin.policy_read', objectType: 'security_policy', objectId: null }, async () => {
    if (!canManageSecurityPolicy(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    return { result: presentSecurityPolicy(await loadSecurityPolicy(ctx.db.kysely)) };
  });
}
