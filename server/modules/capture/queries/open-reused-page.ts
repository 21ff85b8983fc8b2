import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { findCaseImage } from '../../cases/cases.repo.ts';
import { readCaseAudited } from '../../cases/queries/read-case.ts';
import type { Actor } from '../../org/actor.ts';
import { findImageWithBlob, reuseLinks } from '../capture.repo.ts';
import { pageImage, type ServedImage } from '../page-image.ts';

/**
 * The other side of a reuse finding, for the reviewer of this case: the page found in another
 * person's case, shown beside ours even when that case is outside the reviewer's scope, because
 * judging the finding needs it. Only a page linked to a page of this case by a finding; audited
 * on this case with the other page named.
 */
export function openReusedPage(ctx: AppContext, actor: Actor, caseId: string, imageId: string, otherImageId: string): Promise<ServedImage> {
  return readCaseAudited(ctx, actor, caseId, 'materials_open', async () => {
    const ours = await findCaseImage(ctx.db.kysely, caseId, imageId);
    if (!ours || !(await reuseLinks(ctx.db.kysely, imageId, otherImageId))) throw new AppError('IMAGE_NOT_FOUND');
    const other = await findImageWithBlob(ctx.db.kysely, otherImageId);
    if (!other) throw new AppError('IMAGE_NOT_FOUND');
    const served = await pageImage(ctx, other, 'preview');
    return { result: served, detail: { imageId, reusedImageId: otherImageId, otherCaseId: other.case_id, kind: 'reuse_preview' } };
  });
}
