import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { runCaseAct } from '../../cases/case-act.ts';
import { findCaseImage } from '../../cases/cases.repo.ts';
import type { CaseView } from '../../cases/present-case.ts';
import type { Actor } from '../../org/actor.ts';
import { setQualityOverride } from '../capture.repo.ts';

/**
 * 确认使用: an officer keeps a page despite its quality warnings (the original itself is faint, the
 * only copy the citizen has is creased), saying why. Reviewers see the warnings and the reason.
 */
export function overrideQuality(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { imageId: string; reason: string },
  idempotencyKey: string,
): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'override_quality', idempotencyKey, body: input }, async (tx, kase, _ref, at) => {
    const page = await findCaseImage(tx, kase.id, input.imageId);
    if (!page || page.removed_at !== null) throw new AppError('IMAGE_NOT_FOUND');
    const warnings = page.quality ? ((JSON.parse(page.quality) as { warnings: { code: string }[] }).warnings ?? []) : [];
    if (warnings.length === 0 || page.quality_override_reason !== null) throw new AppError('QUALITY_NOTHING_TO_OVERRIDE');
    await setQualityOverride(tx, page.id, { reason: input.reason, by: actor.userId, at });
    return {
      comment: input.reason,
      detail: { imageId: page.id, materialCode: page.material_code, pageNo: page.page_no, warnings: warnings.map((w) => w.code) },
    };
  });
}
