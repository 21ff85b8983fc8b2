import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { readCaseAudited } from '../../cases/queries/read-case.ts';
import type { Actor } from '../../org/actor.ts';
import { findCurrentPortrait } from '../capture.repo.ts';
import type { ServedImage } from '../page-image.ts';

/** 查看现场照片: the applicant's portrait, to whoever may read the case; each viewing is in the trail. */
export function openPortrait(ctx: AppContext, actor: Actor, caseId: string): Promise<ServedImage> {
  return readCaseAudited(ctx, actor, caseId, 'portrait_view', async (kase) => {
    const portrait = await findCurrentPortrait(ctx.db.kysely, kase.id);
    if (!portrait) throw new AppError('PORTRAIT_NOT_FOUND');
    const bytes = await ctx.blobs.get(portrait.blob_sha256);
    return {
      result: { bytes, mediaType: portrait.media_type, tag: portrait.blob_sha256, inline: true },
      detail: { portraitId: portrait.id, sha256: portrait.blob_sha256 },
    };
  });
}
