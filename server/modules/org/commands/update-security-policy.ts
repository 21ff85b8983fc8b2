import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageSecurityPolicy } from '../org.policy.ts';
import { presentSecurityPolicy } from '../queries/read-security-policy.ts';
import type { SecurityPolicy } from '../security-policy.ts';
import { loadSecurityPolicy, saveSecurityPolicy } from '../security-policy.repo.ts';

/**
 * The security administrator sets the password and lockout policy, as a whole. It applies from the
 * next password set (existing passwords stay until their owners change them) and the next sign-in
 * attempt; the trail keeps the policy before and after.
 */
export function updateSecurityPolicy(ctx: AppContext, actor: Actor, policy: SecurityPolicy, idempotencyKey: string) {
  const target = { action: 'admin.policy_update' as const, objectType: 'security_policy', objectId: null };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'policy_update', body: policy } }, async (tx) => {
    if (!canManageSecurityPolicy(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now().toISOString();
    const before = await loadSecurityPolicy(tx);
    await saveSecurityPolicy(tx, policy, at, actor.userId);
    return {
      result: presentSecurityPolicy({ policy, stored: true, updatedAt: at, updatedBy: actor.userId }),
      at,
      audit: { detail: { before: before.policy, after: policy } },
    };
  });
}
