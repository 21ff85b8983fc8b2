import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { findUserWithUnit } from '../../org/org.repo.ts';
import { RULES } from '../rules/all-rules.ts';
import { RULE_CODES } from '../rules/rule-codes.ts';
import { loadSupervisionPolicy, type StoredSupervisionPolicy } from '../supervision-policy.repo.ts';
import { canListWarnings, canManageSupervisionPolicy } from '../warnings.policy.ts';

/** `updatedByName`: who set it, by name, for the page; looked up here, not where acts read the policy. */
export function presentSupervisionPolicy(actor: Actor, stored: StoredSupervisionPolicy, updatedByName: string | null) {
  return {
    policy: stored.policy,
    defaults: !stored.stored,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
    updatedByName,
    rules: RULE_CODES.map((code) => RULES[code]),
    canUpdate: canManageSupervisionPolicy(actor).allow,
  };
}

/** The warning rules and their settings in force, for whoever reads warnings. */
export function readSupervisionPolicy(ctx: AppContext, actor: Actor) {
  return auditedRead(ctx, actor, { action: 'supervision.policy_read', objectType: 'supervision_policy', objectId: null }, async () => {
    const decision = canListWarnings(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const stored = await loadSupervisionPolicy(ctx.db.kysely);
    const by = stored.updatedBy ? await findUserWithUnit(ctx.db.kysely, stored.updatedBy) : undefined;
    return { result: presentSupervisionPolicy(actor, stored, by?.display_name ?? null) };
  });
}
