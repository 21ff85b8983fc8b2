import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { inspectImage, sniffUpload } from '../../documents/inspect-image.ts';
import type { Actor } from '../../org/actor.ts';
import { beforeCaseAct, runCaseAct } from '../case-act.ts';
import { countMaterialPages, insertBlobIfAbsent, insertCaseImage } from '../cases.repo.ts';
import type { CaseView } from '../present-case.ts';

export interface CaptureImageInput {
  materialCode: string;
  bytes: Buffer;
}

/**
 * 采集: one page of one material. The bytes are made durable in the blob store before the
 * transaction that records them, so a committed image always has its file. A page captured after
 * the sub-type's capture limit is kept and flagged late (超期上传). Once the bytes pass the checks
 * that need no decoder, the full decode check and the blob write run side by side: a page the
 * decoder then refuses leaves an unreferenced blob that nothing serves, like any refused act.
 */
export async function captureImage(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: CaptureImageInput,
  idempotencyKey: string,
): Promise<CaseView> {
  const limits = { maxBytes: ctx.config.maxUploadBytes, maxPixels: ctx.config.maxImagePixels };
  const [image, stored] = await beforeCaseAct(ctx, actor, caseId, 'capture', () => {
    sniffUpload(input.bytes, limits);
    return Promise.all([inspectImage(input.bytes, limits), ctx.blobs.put(input.bytes)]);
  });
  const body = { materialCode: input.materialCode, sha256: stored.sha256 };
  return runCaseAct(ctx, actor, { caseId, act: 'capture', idempotencyKey, body }, async (tx, kase, ref, at) => {
    if (!ref.subtype.materials.some((m) => m.code === input.materialCode)) {
      throw new AppError('MATERIAL_UNKNOWN', { materialCode: input.materialCode });
    }
    await insertBlobIfAbsent(tx, {
      sha256: stored.sha256,
      sm3: stored.sm3,
      size: stored.size,
      media_type: image.mediaType,
      width: image.width,
      height: image.height,
      created_at: at,
    });
    const pageNo = (await countMaterialPages(tx, kase.id, input.materialCode)) + 1;
    const late = at > kase.capture_deadline;
    const imageId = randomUUID();
    await insertCaseImage(tx, {
      id: imageId,
      case_id: kase.id,
      material_code: input.materialCode,
      page_no: pageNo,
      blob_sha256: stored.sha256,
      captured_by: actor.userId,
      captured_at: at,
      late: late ? 1 : 0,
    });
    return { detail: { imageId, materialCode: input.materialCode, pageNo, sha256: stored.sha256, sm3: stored.sm3, late } };
  });
}
