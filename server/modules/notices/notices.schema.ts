import { z } from 'zod';
import { NoticeOfdInfoSchema } from './ofd-info.schema.ts';

export const NoticeInfoSchema = z.object({
  verificationCode: z.string().describe('printed on the notice and carried by its QR code, XXXX-XXXX-XXXX-XXXX'),
  verificationUrl: z.string().describe('the public check the QR code opens, at the archive’s public address (HUKOU_PUBLIC_URL)'),
  signedAt: z.string(),
  sha256: z.string().describe('SHA-256 of the signed PDF, hex: its address in the archive'),
  sm3: z.string().describe('SM3 of the signed PDF, hex: what the GB/T 38540 signature signs'),
  size: z.number().int(),
  approvedBy: z.object({ id: z.string(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  pades: z.object({
    subFilter: z.literal('ETSI.CAdES.detached'),
    signer: z.string().describe('subject of the city bureau’s RSA PDF signing certificate'),
    issuer: z.string(),
    serial: z.string(),
    notAfter: z.string(),
  }),
  ses: z.object({
    seal: z.object({ id: z.string(), esId: z.string(), name: z.string() }),
    certificateId: z.string(),
    valid: z.boolean(),
    failedCheck: z.string().nullable().describe('the first failed check, in the order GB/T 38540 prescribes'),
    reason: z.string().nullable(),
  }),
  publicInfo: z.object({
    caseNo: z.string(),
    subtype: z.object({ code: z.string(), name: z.string() }),
    applicant: z.object({ nameMasked: z.string(), idNumberMasked: z.string() }),
    decision: z.string(),
    approvingUnit: z.string(),
    approvedOn: z.string(),
  }),
  ofd: NoticeOfdInfoSchema,
});

export type NoticeInfo = z.infer<typeof NoticeInfoSchema>;

export const VerificationCodeParams = z.object({
  code: z.string().min(1).max(64).describe('as printed, XXXX-XXXX-XXXX-XXXX; case, spaces and dashes do not matter'),
});

export const PublicNoticeCheckSchema = z.object({
  verificationCode: z.string(),
  valid: z.boolean().describe("the archived notice still carries the deciding unit's valid GB/T 38540 signature"),
  failedCheck: z.string().nullable(),
  signedAt: z.string(),
  unitName: z.string(),
  sealName: z.string(),
  sm3: z.string().describe('hex SM3 of the signed file as archived: the PDF, or the OFD when an OFD file was checked'),
  notice: NoticeInfoSchema.shape.publicInfo,
});

/** The largest notice file the public check takes: a notice is well under 1 MB. */
export const MAX_NOTICE_FILE_BYTES = 10 * 1024 * 1024;

export const NoticeFileUploadBody = z.object({ file: z.file().describe('the approval notice as a PDF or OFD file, at most 10 MB') });

export const PublicNoticeFileCheckSchema = z.object({
  kind: z.enum(['pdf', 'ofd']).describe('decided by the file’s content'),
  sm3: z.string().describe('hex SM3 of the file received'),
  check: PublicNoticeCheckSchema.nullable().describe('the notice issued here with exactly these bytes, checked now; null when none has them'),
});

export const NoticePdfResponse = {
  description: 'the approval notice, signed (PAdES), as archived',
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
};
