import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentSeal, type SealView } from '../present-seals.ts';
import { canManageSeals } from '../seals.policy.ts';
import { findSeal, markSealRevoked } from '../seals.repo.ts';

/**
 * Revokes a unit's seal, with a reason: the unit signs nothing until a new seal is made
 * (make-unit-seal.ts), even where enrolment is automatic. Signatures made before stay valid, with
 * the revocation shown beside them.
 */
export function revokeSeal(ctx: AppContext, actor: Actor, sealId: string, reason: string, idempotencyKey: string): Promise<SealView> {
  const target = { action: 'seal.revoke' as const, objectType: 'seal', objectId: sealId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'seal_revoke', sealId, reason } }, async (tx) => {
    if (!canManageSeals(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now().toISOString();
    const seal = await findSeal(tx, sealId);
    if (!seal) throw new AppError('SEAL_NOT_FOUND');
    if (seal.revoked_at) throw new AppError('ALREADY_REVOKED', { revokedAt: seal.revoked_at });
    await markSealRevoked(tx, sealId, { at, by: actor.userId, reason });
    return {
      result: presentSeal({ ...seal, revoked_at: at, revoked_by: actor.userId, revocation_reason: reason }, at),
      at,
      audit: { reason, detail: { unitId: seal.unit_id, esId: seal.es_id, version: seal.version } },
    };
  });
}
