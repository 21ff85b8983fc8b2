import type { z } from 'zod';
import { decodeSesSeal } from '../../crypto/index.ts';
import type { PkiCertificatesTable, SealsTable } from '../../db/schema.ts';
import type { CertificateViewSchema, SealViewSchema } from './seals.schema.ts';

export type CertificateView = z.infer<typeof CertificateViewSchema>;
export type SealView = z.infer<typeof SealViewSchema>;

export function presentCertificate(row: PkiCertificatesTable, now: string): CertificateView {
  return {
    id: row.id,
    kind: row.kind,
    unitId: row.unit_id,
    userId: row.user_id,
    serial: row.serial,
    subject: row.subject,
    notBefore: row.not_before,
    notAfter: row.not_after,
    createdAt: row.created_at,
    state: row.revoked_at ? 'revoked' : row.not_after <= now ? 'expired' : 'valid',
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
  };
}

export const sealBytes = (row: SealsTable): Uint8Array => new Uint8Array(Buffer.from(row.der, 'base64'));

export function presentSeal(row: SealsTable, now: string): SealView {
  const list = decodeSesSeal(sealBytes(row)).sealInfo.property.certList;
  return {
    id: row.id,
    unitId: row.unit_id,
    version: row.version,
    esId: row.es_id,
    name: row.name,
    validStart: row.valid_start,
    validEnd: row.valid_end,
    createdAt: row.created_at,
    state: row.revoked_at ? 'revoked' : row.superseded_at ? 'superseded' : row.valid_end <= now ? 'expired' : 'in_force',
    supersededAt: row.superseded_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
    signerCount: list.type === 1 ? list.certificates.length : list.digests.length,
  };
}
