import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { readCaseAudited } from '../../cases/queries/read-case.ts';
import type { Actor } from '../../org/actor.ts';
import { findNoticeByCase } from '../notices.repo.ts';

/** The approval notice as OFD, as archived; audited as a look at the case, as the PDF is. */
export function openNoticeOfd(ctx: AppContext, actor: Actor, caseId: string): Promise<{ bytes: Buffer; caseNo: string }> {
  return readCaseAudited(ctx, actor, caseId, 'notice', async (kase) => {
    const notice = await findNoticeByCase(ctx.db.kysely, kase.id);
    if (!notice) throw new AppError('NOTICE_NOT_FOUND');
    if (!notice.ofd_blob_sha256) throw new AppError('NOTICE_OFD_NOT_FOUND');
    const bytes = await ctx.blobs.get(notice.ofd_blob_sha256);
    return { result: { bytes, caseNo: kase.case_no }, detail: { part: 'ofd', noticeId: notice.id, sha256: notice.ofd_blob_sha256 } };
  });
}
