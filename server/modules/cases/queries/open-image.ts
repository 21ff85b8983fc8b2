import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { findCaseImage } from '../cases.repo.ts';
import { readCaseAudited } from './read-case.ts';

export interface OpenedImage {
  bytes: Buffer;
  mediaType: string;
  sha256: string;
}

/** 调取: opening a captured page; the bytes are checked against their hash on the way out. */
export function openCaseImage(ctx: AppContext, actor: Actor, caseId: string, imageId: string): Promise<OpenedImage> {
  return readCaseAudited(ctx, actor, caseId, 'materials_open', async () => {
    const image = await findCaseImage(ctx.db.kysely, caseId, imageId);
    if (!image) throw new AppError('IMAGE_NOT_FOUND');
    const bytes = await ctx.blobs.get(image.blob_sha256);
    return {
      result: { bytes, mediaType: image.media_type, sha256: image.blob_sha256 },
      detail: { imageId, materialCode: image.material_code, pageNo: image.page_no, sha256: image.blob_sha256 },
    };
  });
}
