import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canListAccounts } from '../org.policy.ts';
import { findUnitById, listUsers, type UserFilter } from '../org.repo.ts';
import { presentAdminUser } from '../present-account.ts';
import { isRole } from '../roles.ts';

export interface AccountQuery {
  unitId?: string;
  role?: string;
  q?: string;
  disabled?: 'true' | 'false';
  limit: number;
  offset: number;
}

/** A page of accounts (no password data) for the system and security administrators; the look is on the trail. */
export function listAccounts(ctx: AppContext, actor: Actor, query: AccountQuery) {
  const { limit, offset, ...criteria } = query;
  return auditedRead(ctx, actor, { action: 'admin.user_list', objectType: 'user', objectId: null }, async () => {
    if (!canListAccounts(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const filter: UserFilter = {};
    if (query.unitId) {
      const unit = await findUnitById(ctx.db.kysely, query.unitId);
      if (!unit) throw new AppError('NOT_FOUND', { unitId: query.unitId });
      filter.unitPath = unit.path;
    }
    if (query.role && isRole(query.role)) filter.role = query.role;
    if (query.q) filter.text = query.q;
    if (query.disabled) filter.disabled = query.disabled === 'true';
    const page = await listUsers(ctx.db.kysely, filter, { limit, offset });
    return {
      result: { users: page.users.map(presentAdminUser), total: page.total },
      detail: { ...criteria, offset, returned: page.users.length, total: page.total },
    };
  });
}
