import type { AppContext } from '../../../context.ts';
import { parseCrl, sm3, toHex, verifySesSignature } from '../../../crypto/index.ts';
import { AppError } from '../../../errors.ts';
import { readCaseAudited } from '../../cases/queries/read-case.ts';
import type { Actor } from '../../org/actor.ts';
import { authorityRoot } from '../../seals/seal-authority.ts';
import { crlInForceAt } from '../../seals/seals.repo.ts';
import { findNoticeForReading, findPdfCertificate } from '../notices.repo.ts';
import type { NoticeInfo } from '../notices.schema.ts';
import type { NoticePublicInfo } from '../notice-facts.ts';
import { PDF_ROOT_ID } from '../pdf-signing-authority.ts';
import { verificationPath } from '../verification-code.ts';

type SesResult = Pick<NoticeInfo['ses'], 'valid' | 'failedCheck' | 'reason'>;

/**
 * The GB/T 38540 signature checked now over the SM3 of the PDF as stored, with the authority's root
 * and the CRL in force when it was signed, as decisions' signatures are checked.
 */
async function verifySes(ctx: AppContext, signature: string, signedAt: string, pdf: Buffer): Promise<SesResult> {
  const root = await authorityRoot(ctx.db.kysely);
  if (!root) return { valid: false, failedCheck: 'authority', reason: 'the seal authority has no root certificate' };
  const crlRow = await crlInForceAt(ctx.db.kysely, signedAt);
  const crls = crlRow ? [parseCrl(new Uint8Array(Buffer.from(crlRow.der, 'base64')))] : [];
  const result = verifySesSignature(new Uint8Array(Buffer.from(signature, 'base64')), {
    documentHash: sm3(new Uint8Array(pdf)),
    trust: { trustedRoots: [root], crls },
  });
  return result.ok ? { valid: true, failedCheck: null, reason: null } : { valid: false, failedCheck: result.failedCheck, reason: result.reason };
}

/** What the notice is and whether its GB/T 38540 signature holds over the stored PDF. Audited as a look at the case. */
export function readNoticeInfo(ctx: AppContext, actor: Actor, caseId: string): Promise<NoticeInfo> {
  return readCaseAudited(ctx, actor, caseId, 'notice', async (kase) => {
    const notice = await findNoticeForReading(ctx.db.kysely, kase.id);
    if (!notice) throw new AppError('NOTICE_NOT_FOUND');
    const pdf = await ctx.blobs.get(notice.blob_sha256);
    const root = await findPdfCertificate(ctx.db.kysely, PDF_ROOT_ID);
    const digest = toHex(sm3(new Uint8Array(pdf)));
    const ses = await verifySes(ctx, notice.ses_signature, notice.signed_at, pdf);
    const recordAgrees = digest === notice.sm3;
    const info: NoticeInfo = {
      verificationCode: notice.verification_code,
      verificationUrl: verificationPath(notice.verification_code),
      signedAt: notice.signed_at,
      sha256: notice.blob_sha256,
      sm3: notice.sm3,
      size: pdf.length,
      approvedBy: { id: notice.approved_by, name: notice.approver_name },
      unit: { id: notice.approved_unit_id, name: notice.unit_name },
      pades: {
        subFilter: 'ETSI.CAdES.detached',
        signer: notice.pdf_subject,
        issuer: root?.subject ?? '',
        serial: notice.pdf_serial,
        notAfter: notice.pdf_not_after,
      },
      ses: {
        seal: { id: notice.seal_id, esId: notice.seal_es_id, name: notice.seal_name },
        certificateId: notice.certificate_id,
        ...(ses.valid && !recordAgrees ? { valid: false, failedCheck: 'record', reason: 'the stored SM3 differs from the PDF’s' } : ses),
      },
      publicInfo: JSON.parse(notice.public_info) as NoticePublicInfo,
    };
    return { result: info, detail: { part: 'info', noticeId: notice.id, sesValid: info.ses.valid } };
  });
}
