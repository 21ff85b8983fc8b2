import { z } from 'zod';
import { enabled, type Finding, type RuleDefinition } from './rule.ts';

/**
 * 图像重复使用: capture found a page to be the same document image as a page of another person's case
 * (capture/record-pages.ts, image_reuse). Keyed on the case the page was captured for and the other
 * case: more pages of the same pair are the same fact.
 */
export const imageReuseRule: RuleDefinition = {
  code: 'image_reuse',
  name: { zh: '图像重复使用', en: 'Image reused' },
  keyOn: 'the case captured and the other case',
  evaluatedOn: 'the capture that found the reuse; the sweep over pages captured since its last run',
};

export const ImageReuseSettingsSchema = z.object({ enabled });
export type ImageReuseSettings = z.infer<typeof ImageReuseSettingsSchema>;
export const IMAGE_REUSE_DEFAULTS: ImageReuseSettings = { enabled: true };

/** The reuse findings of pages one act captured, towards one other case. */
export interface ReusedPages {
  caseId: string;
  unitId: string;
  otherCaseId: string;
  otherCaseNo: string;
  capturedAt: string;
  pages: readonly { imageId: string; otherImageId: string; distance: number }[];
}

export function findImageReuse(reused: ReusedPages, settings: ImageReuseSettings): Finding | null {
  if (!settings.enabled || reused.pages.length === 0) return null;
  return {
    rule: 'image_reuse',
    factKey: `${reused.caseId}/${reused.otherCaseId}`,
    caseId: reused.caseId,
    unitId: reused.unitId,
    caseUnitId: reused.unitId,
    occurredAt: reused.capturedAt,
    detail: { otherCaseId: reused.otherCaseId, otherCaseNo: reused.otherCaseNo, pages: reused.pages },
  };
}
