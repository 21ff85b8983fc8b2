import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { type CertificateView, presentCertificate } from '../present-seals.ts';
import { makeUnitSeal, publishRevocationList } from '../seal-authority.ts';
import { canManageSeals } from '../seals.policy.ts';
import { findCertificate, latestSeal, markCertificateRevoked } from '../seals.repo.ts';

/**
 * Revokes an officer's or a unit's certificate, with a reason: a new CRL lists it at once, and
 * the unit's seal in force is made again without it. The officer cannot sign from now on;
 * signatures made before stay valid, with the revocation shown beside them.
 */
export function revokeCertificate(
  ctx: AppContext,
  actor: Actor,
  certificateId: string,
  reason: string,
  idempotencyKey: string,
): Promise<CertificateView> {
  const target = { action: 'seal.certificate_revoke' as const, objectType: 'certificate', objectId: certificateId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'certificate_revoke', certificateId, reason } }, async (tx) => {
    if (!canManageSeals(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now();
    const certificate = await findCertificate(tx, certificateId);
    // The authority's own certificates are not revoked from a page: that is a new authority.
    if (!certificate || (certificate.kind !== 'officer' && certificate.kind !== 'unit')) throw new AppError('CERTIFICATE_NOT_FOUND');
    if (certificate.revoked_at) throw new AppError('ALREADY_REVOKED', { revokedAt: certificate.revoked_at });
    await markCertificateRevoked(tx, certificateId, { at: at.toISOString(), by: actor.userId, reason });
    await publishRevocationList(tx, ctx.dataKeys, at);
    const seal = certificate.kind === 'officer' && certificate.unit_id ? await latestSeal(tx, certificate.unit_id) : undefined;
    const remade = seal && !seal.revoked_at ? await makeUnitSeal(tx, ctx.dataKeys, seal.unit_id, at) : null;
    const revoked = { ...certificate, revoked_at: at.toISOString(), revoked_by: actor.userId, revocation_reason: reason };
    return {
      result: presentCertificate(revoked, at.toISOString()),
      at: at.toISOString(),
      audit: { reason, detail: { kind: certificate.kind, serial: certificate.serial, userId: certificate.user_id, sealMade: remade?.id ?? null } },
    };
  });
}
