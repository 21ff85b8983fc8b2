import type { AppContext } from '../../../context.ts';
import { parseCrl } from '../../../crypto/index.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentCertificate, presentSeal } from '../present-seals.ts';
import { canManageSeals } from '../seals.policy.ts';
import { latestCrl, listCertificates, listSeals } from '../seals.repo.ts';

/** The seal authority as the security administrator manages it: root, certificates, seals, the CRL in force. */
export function readSealAuthority(ctx: AppContext, actor: Actor) {
  return auditedRead(ctx, actor, { action: 'seal.list', objectType: 'seal_authority', objectId: null }, async () => {
    if (!canManageSeals(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const now = ctx.now().toISOString();
    const [certificates, seals, crl] = await Promise.all([listCertificates(ctx.db.kysely), listSeals(ctx.db.kysely), latestCrl(ctx.db.kysely)]);
    const root = certificates.find((c) => c.kind === 'root');
    return {
      result: {
        enrolment: ctx.config.sealEnrolment,
        root: root ? presentCertificate(root, now) : null,
        certificates: certificates.filter((c) => c.kind === 'unit' || c.kind === 'officer').map((c) => presentCertificate(c, now)),
        seals: seals.map((s) => presentSeal(s, now)),
        crl: crl
          ? { number: crl.number, thisUpdate: crl.this_update, revokedCount: parseCrl(new Uint8Array(Buffer.from(crl.der, 'base64'))).revoked.length }
          : null,
      },
    };
  });
}
