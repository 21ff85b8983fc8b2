import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { findUnitById } from '../../org/org.repo.ts';
import { presentSeal, type SealView } from '../present-seals.ts';
import { makeUnitSeal } from '../seal-authority.ts';
import { canManageSeals } from '../seals.policy.ts';

/**
 * 制章: the security administrator has a unit's seal made (again), listing the certificates of the
 * unit's officers in force now: a unit's first seal, or the one after a revoked or expired seal.
 */
export function makeUnitSealAct(ctx: AppContext, actor: Actor, unitId: string, idempotencyKey: string): Promise<SealView> {
  const target = { action: 'seal.make' as const, objectType: 'unit', objectId: unitId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'seal_make', unitId } }, async (tx) => {
    if (!canManageSeals(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now();
    if (!(await findUnitById(tx, unitId))) throw new AppError('NOT_FOUND', { unitId });
    const seal = await makeUnitSeal(tx, ctx.dataKeys, unitId, at);
    const view = presentSeal(seal, at.toISOString());
    return {
      result: view,
      at: at.toISOString(),
      audit: { objectId: seal.id, detail: { unitId, esId: seal.es_id, version: seal.version, signers: view.signerCount } },
    };
  });
}
