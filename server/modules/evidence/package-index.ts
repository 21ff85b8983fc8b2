import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The map of an evidence package (`data/package.json`): which file is what, and which revocation
 * list and time each certificate and signature is checked with. Every path is relative to the bag
 * (`data/...`), so a check that fails names the file as it lies in the package. The verifier reads
 * it as untrusted input: the shape is checked here, every claim it makes is checked against the
 * files it points to.
 */
export const PACKAGE_FORMAT = 'hukou-evidence-package/1';
export const INDEX_FILE = 'data/package.json';
export const CASE_FILE = 'data/case.json';
export const CHECKPOINT_FILE = 'data/audit/checkpoint.json';
export const EVENT_FORMAT = 'hukou-trail-event/1';

const file = z
  .string()
  .regex(/^data\/[A-Za-z0-9._/-]+$/)
  .refine((path) => !path.split('/').some((part) => part === '..' || part === '.' || part === ''), 'a plain path inside data/');
const isoTime = z.string().min(20).max(30);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const crlNumber = z.number().int().positive().nullable();

export const PackageIndexSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  case: z.object({ id: z.string(), caseNo: z.string(), status: z.string() }),
  exportedAt: isoTime,
  caseFile: file,
  rootCertificate: file,
  certificates: z.array(
    z.object({
      file,
      id: z.string(),
      role: z.enum(['maker', 'officer', 'unit']),
      /** When it was relied on (its first signature, the seal's making, the checkpoint): the chain is checked then. */
      checkedAt: isoTime,
      crl: crlNumber,
    }),
  ),
  crls: z.array(z.object({ file, number: z.number().int().positive() })),
  originals: z.array(z.object({ file, sha256: hex64, sm3: hex64, mediaType: z.string() })),
  pages: z.array(z.object({ id: z.string(), file })),
  portraits: z.array(z.object({ id: z.string(), file })),
  signatures: z.array(
    z.object({ seq: z.number().int().positive(), act: z.string(), signedAt: isoTime, signature: file, content: file, crl: crlNumber }),
  ),
  notice: z
    .object({
      pdf: file,
      signature: file,
      signedAt: isoTime,
      crl: crlNumber,
      pdfCertificate: file,
      pdfRoot: file,
      /** The sealed OFD form; null for notices issued before it (migration 0014). */
      ofd: file.nullable(),
    })
    .nullable(),
  checkpoint: z.object({ file, crl: crlNumber }),
  events: z.array(z.object({ seq: z.number().int().positive(), file })),
});

export type PackageIndex = z.infer<typeof PackageIndexSchema>;

/** One event as packaged: the row exactly as stored, and its inclusion proof in the checkpoint. */
export const PackagedEventSchema = z.object({
  format: z.literal(EVENT_FORMAT),
  event: z.object({
    seq: z.number().int().positive(),
    at: z.string(),
    actor_id: z.string().nullable(),
    actor_unit_id: z.string().nullable(),
    action: z.string(),
    object_type: z.string(),
    object_id: z.string().nullable(),
    case_id: z.string().nullable(),
    outcome: z.string(),
    reason: z.string().nullable(),
    detail: z.string(),
    prev_hash: z.string(),
    hash: z.string(),
    link: z.enum(['sha256', 'sm3']),
  }),
  inclusion: z.object({ treeSize: z.number().int().positive(), leafIndex: z.number().int().nonnegative(), path: z.array(z.string()) }),
});

export type PackagedEvent = z.infer<typeof PackagedEventSchema>;

const MEDIA_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif', 'application/pdf': 'pdf' };

export const originalFile = (sha256: string, mediaType: string) => `data/originals/${sha256}.${MEDIA_EXTENSIONS[mediaType] ?? 'bin'}`;
export const certificateFile = (id: string) => `data/certificates/${id}.cer`;
export const crlFile = (number: number) => `data/crls/crl-${String(number).padStart(6, '0')}.crl`;
export const eventFile = (seq: number) => `data/audit/events/${String(seq).padStart(12, '0')}.json`;
const decisionBase = (seq: number, act: string) => `data/signatures/${String(seq).padStart(4, '0')}-${act}`;
export const signatureFile = (seq: number, act: string) => `${decisionBase(seq, act)}.ses`;
export const signedContentFile = (seq: number, act: string) => `${decisionBase(seq, act)}.json`;
export const NOTICE_PDF = 'data/notice/notice.pdf';
export const NOTICE_SIGNATURE = 'data/notice/notice.ses';
export const NOTICE_OFD = 'data/notice/notice.ofd';

/** The revocation list in force at a time: the last issued at or before it (as seals/seal-authority.ts chooses). */
export function crlInForce(crls: readonly { number: number; this_update: string }[], at: string): number | null {
  let found: number | null = null;
  for (const crl of crls) if (crl.this_update <= at && (found === null || crl.number > found)) found = crl.number;
  return found;
}

/** A certificate's SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` prints it: what a bureau publishes for its root. */
export const sha256Fingerprint = (der: Uint8Array) =>
  createHash('sha256')
    .update(der)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
