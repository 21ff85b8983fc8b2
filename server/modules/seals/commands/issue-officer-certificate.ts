import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { findUserById } from '../../org/org.repo.ts';
import { type CertificateView, presentCertificate } from '../present-seals.ts';
import { issueOfficerCertificate, makeUnitSeal } from '../seal-authority.ts';
import { canManageSeals, SIGNING_ROLES } from '../seals.policy.ts';
import { latestCertificate, latestSeal } from '../seals.repo.ts';

/**
 * The security administrator issues an officer's personal certificate: once none is in force (a
 * revoked or expired one is replaced, never doubled). The unit's seal in force is made again to
 * list it, so the officer can sign at once.
 */
export function issueOfficerCertificateAct(ctx: AppContext, actor: Actor, userId: string, idempotencyKey: string): Promise<CertificateView> {
  const target = { action: 'seal.certificate_issue' as const, objectType: 'user', objectId: userId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'certificate_issue', userId } }, async (tx) => {
    if (!canManageSeals(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const at = ctx.now();
    const user = await findUserById(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', { userId });
    if (!SIGNING_ROLES.has(user.role)) throw new AppError('ROLE_CANNOT_SIGN', { role: user.role });
    const current = await latestCertificate(tx, 'officer', { userId });
    if (current && !current.revoked_at && current.not_after > at.toISOString())
      throw new AppError('CERTIFICATE_IN_FORCE', { certificateId: current.id });
    const issued = await issueOfficerCertificate(tx, ctx.dataKeys, user, at);
    const seal = await latestSeal(tx, user.unit_id);
    const remade = seal && !seal.revoked_at ? await makeUnitSeal(tx, ctx.dataKeys, user.unit_id, at) : null;
    return {
      result: presentCertificate(issued.row, at.toISOString()),
      at: at.toISOString(),
      audit: { objectId: issued.row.id, detail: { userId, username: user.username, serial: issued.row.serial, sealMade: remade?.id ?? null } },
    };
  });
}
