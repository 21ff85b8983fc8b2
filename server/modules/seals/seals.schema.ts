import { z } from 'zod';
import { text } from '../../http/text.ts';

export const CertificateIdParams = z.object({ id: text({ min: 1, max: 128 }) });
export const SealIdParams = z.object({ id: text({ min: 1, max: 128 }) });
export const RevokeBody = z.object({ reason: text({ min: 2, max: 200 }) });

export const CertificateViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['root', 'maker', 'unit', 'officer']),
  unitId: z.string().nullable(),
  userId: z.string().nullable(),
  serial: z.string().describe('hex, as the CRL lists it'),
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  createdAt: z.string(),
  state: z.enum(['valid', 'expired', 'revoked']),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});

export const SealViewSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  version: z.number().int(),
  esId: z.string().describe('GB/T 38540 esID'),
  name: z.string(),
  validStart: z.string(),
  validEnd: z.string(),
  createdAt: z.string(),
  state: z.enum(['in_force', 'superseded', 'expired', 'revoked']),
  supersededAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  signerCount: z.number().int().describe('officer certificates the seal lists'),
});

export const SealAuthoritySchema = z.object({
  enrolment: z.enum(['auto', 'manual']).describe('auto: the local authority enrols officers and units when first needed'),
  root: CertificateViewSchema.nullable(),
  certificates: z.array(CertificateViewSchema).describe('unit and officer certificates, oldest first'),
  seals: z.array(SealViewSchema),
  crl: z.object({ number: z.number().int(), thisUpdate: z.string(), revokedCount: z.number().int() }).nullable(),
});

const Verification = z.object({
  valid: z.boolean(),
  failedCheck: z.string().nullable().describe('the first failed check, in the order GB/T 38540 prescribes'),
  reason: z.string().nullable(),
  changes: z.array(
    z.object({
      part: z.enum(['case', 'applicant', 'fields', 'page', 'portrait', 'action', 'signature']),
      item: z.string(),
      change: z.enum(['changed', 'missing', 'added']),
    }),
  ),
});

export const CaseSignaturesSchema = z.object({
  signatures: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int(),
      act: z.string(),
      signedAt: z.string(),
      provider: z.string(),
      dataHash: z.string().describe('SM3 of the canonical content signed, hex'),
      signer: z.object({ id: z.string(), name: z.string() }),
      unit: z.object({ id: z.string(), name: z.string() }),
      seal: z.object({ id: z.string(), esId: z.string(), name: z.string(), version: z.number().int(), revokedAt: z.string().nullable() }),
      certificate: z.object({ id: z.string(), serial: z.string(), subject: z.string(), revokedAt: z.string().nullable() }),
      verification: Verification,
    }),
  ),
  signingFailure: z
    .object({
      act: z.string(),
      at: z.string(),
      actorName: z.string().nullable(),
      reason: z.string().nullable().describe('timeout, unreachable, service_error, refused or bad_answer'),
      attempts: z.number().int().nullable(),
    })
    .nullable()
    .describe('签章失败: the latest decision could not be signed and nobody has decided since'),
});

export const SealImageResponse = {
  description: "the seal's picture as its SES_Seal carries it",
  content: { 'image/png': { schema: z.string().meta({ format: 'binary' }) } },
};

/** The largest file (and document) the public seal check takes; OFD packages are read within their own bounds too. */
export const MAX_SEALED_FILE_BYTES = 10 * 1024 * 1024;

export const SealedFileUploadBody = z.object({
  file: z.file().describe('an OFD file, an SES_Seal, an SES_Signature (DER) or a notice PDF issued here, at most 10 MB'),
  document: z.file().optional().describe('for a detached SES_Signature: the document it signs (its SM3 must be the signed dataHash)'),
});

export const PublicSealedFileCheckSchema = z.object({
  kind: z.enum(['seal', 'signature', 'notice', 'ofd', 'unknown']).describe('decided by the file’s content'),
  sm3: z.string().describe('hex SM3 of the file received'),
  outcome: z
    .enum(['valid', 'validExceptTrust', 'invalid'])
    .describe(
      'validExceptTrust: every signature and certificate verifies, but the seal’s maker or the signer does not chain to a root this archive trusts',
    ),
  facts: z.array(z.object({ key: z.string(), value: z.string() })).describe('what the file says: version, seal, signer, time, each OFD signature'),
  checks: z.array(
    z.object({
      name: z.string().describe('the check’s name in GB/T 38540 or GB/T 33190 terms (format, signature, sealSignature, references, dataHash…)'),
      ok: z.boolean(),
      detail: z.string(),
      signature: z.string().optional().describe('the OFD signature the check is of'),
      untrusted: z.literal(true).optional().describe('the certificate is fine on its own but does not chain to a root this archive trusts'),
    }),
  ),
});
