import { bytesEqual, decodeSesSeal, sm3 } from '../../crypto/index.ts';
import type { Tx } from '../../db/transaction.ts';
import type { PkiCertificatesTable, SealsTable } from '../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../org/actor.ts';
import { findUserById } from '../org/org.repo.ts';
import { certificateOf, issueOfficerCertificate, makeUnitSeal } from './seal-authority.ts';
import { latestCertificate, latestSeal } from './seals.repo.ts';

function sealLists(seal: SealsTable, certificate: PkiCertificatesTable): boolean {
  const list = decodeSesSeal(new Uint8Array(Buffer.from(seal.der, 'base64'))).sealInfo.property.certList;
  const der = certificateOf(certificate).der;
  return list.type === 1 ? list.certificates.some((c) => bytesEqual(c, der)) : list.digests.some((d) => bytesEqual(d.value, sm3(der)));
}

/**
 * The officer's certificate that signs now. Revoked stops signing in every mode: only the security
 * administrator issues a new one. Missing or expired: the local authority issues one when
 * enrolment is automatic (embedded mode), otherwise the officer is told to ask for it.
 */
async function officerCertificate(tx: Tx, ctx: AppContext, actor: Actor, at: Date): Promise<PkiCertificatesTable> {
  const current = await latestCertificate(tx, 'officer', { userId: actor.userId });
  if (current?.revoked_at) throw new AppError('SIGNER_CERTIFICATE_REVOKED', { revokedAt: current.revoked_at });
  if (current && current.not_after > at.toISOString()) return current;
  if (ctx.config.sealEnrolment !== 'auto') throw new AppError(current ? 'SIGNER_CERTIFICATE_EXPIRED' : 'SIGNER_NOT_ENROLLED');
  const user = await findUserById(tx, actor.userId);
  if (!user) throw new Error(`user ${actor.userId} does not exist`);
  return (await issueOfficerCertificate(tx, ctx.dataKeys, user, at)).row;
}

/**
 * The unit's seal in force, listing the officer's certificate. Revoked stops signing; a seal that
 * does not yet list the officer's current certificate is made again (a new version), as the
 * authority does whenever a unit's signing officers change.
 */
async function unitSeal(tx: Tx, ctx: AppContext, unitId: string, certificate: PkiCertificatesTable, at: Date): Promise<SealsTable> {
  const seal = await latestSeal(tx, unitId);
  if (seal?.revoked_at) throw new AppError('SEAL_REVOKED', { revokedAt: seal.revoked_at });
  const auto = ctx.config.sealEnrolment === 'auto';
  if (!seal && !auto) throw new AppError('SEAL_NOT_ISSUED');
  if (seal && seal.valid_end <= at.toISOString() && !auto) throw new AppError('SEAL_EXPIRED', { validEnd: seal.valid_end });
  if (seal && seal.valid_end > at.toISOString() && sealLists(seal, certificate)) return seal;
  return makeUnitSeal(tx, ctx.dataKeys, unitId, at);
}

export async function signingCredentials(tx: Tx, ctx: AppContext, actor: Actor, at: Date) {
  const certificate = await officerCertificate(tx, ctx, actor, at);
  const seal = await unitSeal(tx, ctx, actor.unitId, certificate, at);
  return { certificate, seal };
}
