import { z } from 'zod';

/** One check of an OFD signature or package, named as the verifier names it (docs/SEALS.md, "The notice as OFD"). */
export const OfdCheckSchema = z.object({
  name: z
    .string()
    .describe('package, structure, signatures, unsignedFiles, record; per signature references, dataHash, the GB/T 38540 checks, sealFile'),
  status: z.enum(['passed', 'failed', 'untrusted', 'not_checked']),
  detail: z.string(),
});

export const OfdSignatureSchema = z.object({
  id: z.string(),
  type: z.string().describe('Seal (GB/T 38540 SES_Signature) or Sign (a plain SM2 signature)'),
  path: z.string().describe('the package entry of its Signature.xml'),
  provider: z.string().nullable(),
  signedAt: z.string().nullable(),
  signer: z.string().nullable().describe("the signer certificate's subject"),
  sealName: z.string().nullable(),
  sealEsId: z.string().nullable(),
  propertyInfo: z.string().nullable(),
  referenceCount: z.number().int(),
  changedFiles: z.array(z.string()).describe('referenced files whose SM3 no longer matches'),
  missingFiles: z.array(z.string()),
  checks: z.array(OfdCheckSchema),
  valid: z.boolean(),
});

export const NoticeOfdInfoSchema = z
  .object({
    sha256: z.string().describe('SHA-256 of the sealed OFD package, hex: its address in the archive'),
    sm3: z.string().describe('SM3 of the OFD package as stored, hex'),
    size: z.number().int(),
    valid: z.boolean().describe('every reference, the seal signature, the seal and the certificates hold, and the package agrees with its record'),
    checks: z.array(OfdCheckSchema),
    signatures: z.array(OfdSignatureSchema),
    unsignedFiles: z.array(z.string()).describe('files of the package no signature protects'),
  })
  .nullable()
  .describe('the notice as OFD (GB/T 33190) with its GB/T 38540 seal, verified now; null for a notice issued before notices were also made as OFD');

export type NoticeOfdInfo = z.infer<typeof NoticeOfdInfoSchema>;

export const NoticeOfdResponse = {
  description: 'the approval notice as OFD (GB/T 33190), sealed (GB/T 38540), as archived',
  content: { 'application/ofd': { schema: z.string().meta({ format: 'binary' }) } },
};
