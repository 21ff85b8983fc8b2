import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { beforeCaseAct, runCaseAct } from '../../cases/case-act.ts';
import { countMaterialPages, findCaseImage } from '../../cases/cases.repo.ts';
import type { CaseView } from '../../cases/present-case.ts';
import type { Actor } from '../../org/actor.ts';
import { applicantIdIndexCandidates } from '../../population/case-protection.ts';
import { markPageRemoved } from '../capture.repo.ts';
import { ingestOriginal } from '../ingest-original.ts';
import { recordPages } from '../record-pages.ts';
import { warnOnCapture } from '../../supervision/evaluate-act.ts';

export interface CapturePagesInput {
  materialCode: string;
  bytes: Buffer;
  /** 补录: needed once the case is submitted or its capture limit has passed; the reason is kept with every page. */
  supplementReason?: string;
  /** A retake: the new page takes this page's place; only while the station holds the case. */
  replacesImageId?: string;
}

const AT_THE_STATION = new Set(['accepted', 'verified', 'returned']);

/**
 * 采集 and 补录: one uploaded file (a photograph, a scan, a multi-page TIFF or PDF) becomes one page
 * or more of one material. The file is checked, measured and made durable before the transaction
 * that records it, so a committed page always has its file. Inside the transaction: the case's own
 * rules (the capture limit decides between 采集 and 补录; after submission nothing is replaced), the
 * page rows with their quality warnings and perceptual hashes, and reuse findings against other
 * people's cases. Quality warnings do not refuse a page: the answer lists them at once, and the
 * officer retakes (replacesImageId) or accepts them with a reason (override-quality.ts).
 */
export async function capturePages(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: CapturePagesInput,
  idempotencyKey: string,
): Promise<CaseView> {
  const act = input.supplementReason !== undefined ? 'supplement' : 'capture';
  const ingested = await beforeCaseAct(ctx, actor, caseId, act, (kase, ref) => {
    // Said before the file is processed, so the officer learns at once that 补录 is what is needed.
    if (act === 'capture' && (!AT_THE_STATION.has(kase.status) || ctx.now().toISOString() > kase.capture_deadline)) {
      throw new AppError('SUPPLEMENT_REQUIRED', { captureDeadline: kase.capture_deadline });
    }
    const material = ref.subtype.materials.find((m) => m.code === input.materialCode);
    if (!material) throw new AppError('MATERIAL_UNKNOWN', { materialCode: input.materialCode });
    return ingestOriginal(ctx, input.bytes, material, { singlePage: input.replacesImageId !== undefined });
  });
  const body = {
    materialCode: input.materialCode,
    sha256: ingested.stored.sha256,
    supplementReason: input.supplementReason ?? null,
    replacesImageId: input.replacesImageId ?? null,
  };
  return runCaseAct(ctx, actor, { caseId, act, idempotencyKey, body }, async (tx, kase, ref, at) => {
    if (!ref.subtype.materials.some((m) => m.code === input.materialCode)) {
      throw new AppError('MATERIAL_UNKNOWN', { materialCode: input.materialCode });
    }
    const late = at > kase.capture_deadline;
    const atStation = AT_THE_STATION.has(kase.status);
    if (act === 'capture' && late) throw new AppError('SUPPLEMENT_REQUIRED', { captureDeadline: kase.capture_deadline });
    if (act === 'supplement' && atStation && !late) throw new AppError('SUPPLEMENT_NOT_NEEDED', { captureDeadline: kase.capture_deadline });
    let firstPageNo = (await countMaterialPages(tx, kase.id, input.materialCode)) + 1;
    const replaced = input.replacesImageId ? await findCaseImage(tx, kase.id, input.replacesImageId) : undefined;
    if (input.replacesImageId) {
      if (!atStation) throw new AppError('PAGE_NOT_REPLACEABLE');
      if (!replaced || replaced.removed_at !== null || replaced.material_code !== input.materialCode) throw new AppError('IMAGE_NOT_FOUND');
      firstPageNo = replaced.page_no;
    }
    const pages = await recordPages(tx, kase, ingested, {
      materialCode: input.materialCode,
      firstPageNo,
      capturedBy: actor.userId,
      at,
      late,
      supplementReason: input.supplementReason ?? null,
      applicantIndexes: new Set(applicantIdIndexCandidates(ctx.dataKeys, kase.applicant_id_number)),
    });
    if (replaced) await markPageRemoved(tx, replaced.id, actor.userId, at, pages[0]?.imageId ?? null);
    // 预警: 超期上传, 补录, 图像重复使用 and the capture limit's facts, with the pages (supervision/evaluate-act.ts).
    await warnOnCapture(tx, { kase, ref, at, materialCode: input.materialCode, late, supplementReason: input.supplementReason ?? null, pages });
    return {
      comment: input.supplementReason ?? null,
      detail: {
        materialCode: input.materialCode,
        sha256: ingested.stored.sha256,
        sm3: ingested.stored.sm3,
        mediaType: ingested.original.mediaType,
        late,
        ...(replaced ? { replacedImageId: replaced.id } : {}),
        pages,
      },
    };
  });
}
