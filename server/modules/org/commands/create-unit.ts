import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import type { UnitKind } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageUnits } from '../org.policy.ts';
import { findUnitByCasePrefix, findUnitByCode, findUnitById, insertUnit } from '../org.repo.ts';
import { type AdminUnitView, presentAdminUnit } from '../present-account.ts';
import { childKindOf, childPath } from '../unit-tree.ts';

export interface CreateUnitInput {
  parentId: string;
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  casePrefix: string;
}

/**
 * The system administrator adds a unit one level below its parent (a branch under the city, a
 * station under a branch). Its id is its code, as for the units of the first installation; the code
 * and the case-number prefix are unique, since a case number begins with the prefix.
 */
export function createUnit(ctx: AppContext, actor: Actor, input: CreateUnitInput, idempotencyKey: string): Promise<AdminUnitView> {
  const target = { action: 'admin.unit_create' as const, objectType: 'unit', objectId: null };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'unit_create', body: input } }, async (tx) => {
    if (!canManageUnits(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now().toISOString();
    const parent = await findUnitById(tx, input.parentId);
    if (!parent) throw new AppError('NOT_FOUND', { unitId: input.parentId });
    const expected = childKindOf(parent.kind);
    if (input.kind !== expected) throw new AppError('UNIT_KIND_MISMATCH', { parentKind: parent.kind, kind: input.kind, expected });
    if ((await findUnitByCode(tx, input.code)) ?? (await findUnitById(tx, input.code))) throw new AppError('UNIT_CODE_TAKEN', { code: input.code });
    if (await findUnitByCasePrefix(tx, input.casePrefix)) throw new AppError('CASE_PREFIX_TAKEN', { casePrefix: input.casePrefix });
    const unit = {
      id: input.code,
      code: input.code,
      name: input.name,
      name_en: input.nameEn,
      kind: input.kind,
      parent_id: parent.id,
      path: childPath(parent.path, input.code),
      case_prefix: input.casePrefix,
    };
    await insertUnit(tx, unit);
    return {
      result: presentAdminUnit({ ...unit, accounts: 0, disabled_accounts: 0 }),
      at,
      audit: { objectId: unit.id, detail: { ...input } },
    };
  });
}
