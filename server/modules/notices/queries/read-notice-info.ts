import type { AppContext } from '../../../context.ts';
import { sm3, toHex } from '../../../crypto/index.ts';
import { AppError } from '../../../errors.ts';
import { readCaseAudited } from '../../cases/queries/read-case.ts';
import type { Actor } from '../../org/actor.ts';
import { verifyNoticeOfd, verifyNoticeSes } from '../verify-notice.ts';
import { findNoticeForReading, findPdfCertificate } from '../notices.repo.ts';
import type { NoticeInfo } from '../notices.schema.ts';
import type { NoticePublicInfo } from '../notice-facts.ts';
import { PDF_ROOT_ID } from '../pdf-signing-authority.ts';
import { verificationUrl } from '../verification-code.ts';

/** What the notice is and whether its GB/T 38540 signatures hold over the stored PDF and OFD. Audited as a look at the case. */
export function readNoticeInfo(ctx: AppContext, actor: Actor, caseId: string): Promise<NoticeInfo> {
  return readCaseAudited(ctx, actor, caseId, 'notice', async (kase) => {
    const notice = await findNoticeForReading(ctx.db.kysely, kase.id);
    if (!notice) throw new AppError('NOTICE_NOT_FOUND');
    const pdf = await ctx.blobs.get(notice.blob_sha256);
    const root = await findPdfCertificate(ctx.db.kysely, PDF_ROOT_ID);
    const digest = toHex(sm3(new Uint8Array(pdf)));
    const ses = await verifyNoticeSes(ctx, notice.ses_signature, notice.signed_at, pdf);
    const recordAgrees = digest === notice.sm3;
    const ofd = notice.ofd_blob_sha256 ? await verifyNoticeOfd(ctx, notice, await ctx.blobs.get(notice.ofd_blob_sha256)) : null;
    const info: NoticeInfo = {
      verificationCode: notice.verification_code,
      verificationUrl: verificationUrl(ctx.config.publicUrl, notice.verification_code),
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
      ofd,
    };
    return { result: info, detail: { part: 'info', noticeId: notice.id, sesValid: info.ses.valid, ofdValid: ofd?.valid ?? null } };
  });
}
