import { z } from 'zod';
import type { CapturedPages } from './late-upload.ts';
import { enabled, type Finding, type RuleDefinition } from './rule.ts';

/**
 * 补录: pages were added as supplementary capture (after the capture limit, or after submission),
 * which the officer states a reason for. Keyed on the case and the instant of the 补录 act: each
 * 补录 is its own fact. `afterSubmissionOnly` leaves out 补录 at the station before submission
 * (which 超期上传 reports already) and keeps the 补录 to a case already sent up or decided.
 */
export const supplementRule: RuleDefinition = {
  code: 'supplement',
  name: { zh: '补录', en: 'Supplementary capture' },
  keyOn: 'the case and the instant of the 补录 act',
  evaluatedOn: 'each 补录; the sweep over pages captured since its last run',
};

export const SupplementSettingsSchema = z.object({
  enabled,
  afterSubmissionOnly: z.boolean().describe('only 补录 to a case already submitted (or decided)'),
});
export type SupplementSettings = z.infer<typeof SupplementSettingsSchema>;
export const SUPPLEMENT_DEFAULTS: SupplementSettings = { enabled: true, afterSubmissionOnly: false };

export interface SupplementedPages extends CapturedPages {
  reason: string;
  /** The case had been submitted (or decided) when the pages came. */
  afterSubmission: boolean;
}

export function findSupplement(captured: SupplementedPages, settings: SupplementSettings): Finding | null {
  if (!settings.enabled || (settings.afterSubmissionOnly && !captured.afterSubmission)) return null;
  return {
    rule: 'supplement',
    factKey: `${captured.caseId}/${captured.capturedAt}`,
    caseId: captured.caseId,
    unitId: captured.unitId,
    caseUnitId: captured.unitId,
    occurredAt: captured.capturedAt,
    detail: {
      reason: captured.reason,
      materialCode: captured.materialCode,
      pages: captured.pages,
      afterSubmission: captured.afterSubmission,
      late: captured.late,
    },
  };
}
