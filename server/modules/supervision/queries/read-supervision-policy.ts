import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { RULES } from '../rules/all-rules.ts';
import { RULE_CODES } from '../rules/rule-codes.ts';
import { loadSupervisionPolicy, type StoredSupervisionPolicy } from '../supervision-policy.repo.ts';
import { canListWarnings, canManageSupervisionPolicy } from '../warnings.policy.ts';

export function presentSupervisionPolicy(actor: Actor, stored: StoredSupervisionPolicy) {
  return {
    policy: stored.policy,
    defaults: !stored.stored,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
    rules: RULE_CODES.map((code) => RULES[code]),
    canUpdate: canManageSupervisionPolicy(actor).allow,
  };
}

/** The warning rules and their settings in force, for whoever reads warnings. */
export function readSupervisionPolicy(ctx: AppContext, actor: Actor) {
  return auditedRead(ctx, actor, { action: 'supervision.policy_read', objectType: 'supervision_policy', objectId: null }, async () => {
    const decision = canListWarnings(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    return { result: presentSupervisionPolicy(actor, await loadSupervisionPolicy(ctx.db.kysely)) };
  });
}
