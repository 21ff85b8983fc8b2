import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentSupervisionPolicy } from '../queries/read-supervision-policy.ts';
import type { SupervisionPolicy } from '../supervision-policy.ts';
import { loadSupervisionPolicy, saveSupervisionPolicy } from '../supervision-policy.repo.ts';
import { canManageSupervisionPolicy } from '../warnings.policy.ts';

/**
 * A city supervisor sets the warning rules' settings, as a whole. They apply to what is evaluated
 * from then on (the next act, the next sweep); warnings raised stay; the trail keeps before and after.
 */
export function updateSupervisionPolicy(ctx: AppContext, actor: Actor, policy: SupervisionPolicy, idempotencyKey: string) {
  const target = { action: 'supervision.policy_update' as const, objectType: 'supervision_policy', objectId: null };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'supervision_policy_update', body: policy } }, async (tx) => {
    const decision = canManageSupervisionPolicy(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const at = ctx.now().toISOString();
    const before = await loadSupervisionPolicy(tx);
    await saveSupervisionPolicy(tx, policy, at, actor.userId);
    return {
      result: presentSupervisionPolicy(actor, { policy, stored: true, updatedAt: at, updatedBy: actor.userId }, actor.displayName),
      at,
      audit: { detail: { before: before.policy, after: policy } },
    };
  });
}
