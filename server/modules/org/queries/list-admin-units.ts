import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageUnits } from '../org.policy.ts';
import { listUnitsWithAccountCounts } from '../org.repo.ts';
import { presentAdminUnit } from '../present-account.ts';

/** The whole unit tree with its account counts, for the system administrator; the look is on the trail. */
export function listAdminUnits(ctx: AppContext, actor: Actor) {
  return auditedRead(ctx, actor, { action: 'admin.unit_list', objectType: 'unit', objectId: null }, async () => {
    if (!canManageUnits(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const units = await listUnitsWithAccountCounts(ctx.db.kysely);
    return { result: { units: units.map(presentAdminUnit) }, detail: { count: units.length } };
  });
}
