import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { findCaseImage } from '../../cases/cases.repo.ts';
import { readCaseAudited } from '../../cases/queries/read-case.ts';
import type { Actor } from '../../org/actor.ts';
import { pageImage, type PageImageKind, type ServedImage } from '../page-image.ts';

/**
 * 调取: one captured page of a case, as its original file, its preview or its thumbnail. Audited;
 * the original is checked against its hash on the way out, a lost derivative is made again.
 */
export function openCasePage(ctx: AppContext, actor: Actor, caseId: string, imageId: string, kind: PageImageKind): Promise<ServedImage> {
  return readCaseAudited(ctx, actor, caseId, 'materials_open', async () => {
    const image = await findCaseImage(ctx.db.kysely, caseId, imageId);
    if (!image) throw new AppError('IMAGE_NOT_FOUND');
    const served = await pageImage(ctx, image, kind);
    return {
      result: served,
      detail: { imageId, kind, materialCode: image.material_code, pageNo: image.page_no, sha256: image.blob_sha256 },
    };
  });
}
