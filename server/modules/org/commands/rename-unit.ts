import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../actor.ts';
import { canManageUnits } from '../org.policy.ts';
import { findUnitById, listUnitsWithAccountCounts, renameUnit as storeUnitNames } from '../org.repo.ts';
import { type AdminUnitView, presentAdminUnit } from '../present-account.ts';

/**
 * The system administrator renames a unit (Chinese and English names). Its code, place in the tree
 * and case-number prefix stay: cases and paths refer to them.
 */
export function renameUnit(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  input: { name?: string; nameEn?: string },
  idempotencyKey: string,
): Promise<AdminUnitView> {
  const target = { action: 'admin.unit_rename' as const, objectType: 'unit', objectId: unitId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'unit_rename', unitId, body: input } }, async (tx) => {
    if (!canManageUnits(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now().toISOString();
    const unit = await findUnitById(tx, unitId);
    if (!unit) throw new AppError('NOT_FOUND', { unitId });
    const names = { name: input.name ?? unit.name, nameEn: input.nameEn ?? unit.name_en };
    await storeUnitNames(tx, unitId, names);
    const [renamed] = await listUnitsWithAccountCounts(tx, unitId);
    if (!renamed) throw new AppError('NOT_FOUND', { unitId });
    return {
      result: presentAdminUnit(renamed),
      at,
      audit: { detail: { code: unit.code, before: { name: unit.name, nameEn: unit.name_en }, after: names } },
    };
  });
}
