import { z } from 'zod';
import { enabled, type Finding, hours, hoursBetween, plusHours, type RuleDefinition } from './rule.ts';

/**
 * 超期上传: pages were captured after the catalog's capture limit (the capture act flags them `late`,
 * capture/commands/capture-pages.ts), at least the hours set here after it. Keyed on the case: the
 * first late capture raises it, later ones on the same case are the same fact.
 */
export const lateUploadRule: RuleDefinition = {
  code: 'late_upload',
  name: { zh: '超期上传', en: 'Late upload' },
  keyOn: 'the case',
  evaluatedOn: 'the capture (补录) that adds pages after the capture limit; the sweep over pages captured since its last run',
};

export const LateUploadSettingsSchema = z.object({
  enabled,
  minHoursLate: hours('hours after the capture limit a page must come to be reported (0: any late page)'),
});
export type LateUploadSettings = z.infer<typeof LateUploadSettingsSchema>;
export const LATE_UPLOAD_DEFAULTS: LateUploadSettings = { enabled: true, minHoursLate: 0 };

/** Pages one act captured, as the page rules read them. */
export interface CapturedPages {
  caseId: string;
  unitId: string;
  captureDeadline: string;
  capturedAt: string;
  materialCode: string;
  pages: number;
  late: boolean;
}

export function findLateUpload(captured: CapturedPages, settings: LateUploadSettings): Finding | null {
  if (!settings.enabled || !captured.late) return null;
  if (captured.capturedAt <= plusHours(captured.captureDeadline, settings.minHoursLate)) return null;
  return {
    rule: 'late_upload',
    factKey: captured.caseId,
    caseId: captured.caseId,
    unitId: captured.unitId,
    caseUnitId: captured.unitId,
    occurredAt: captured.capturedAt,
    detail: {
      captureDeadline: captured.captureDeadline,
      capturedAt: captured.capturedAt,
      hoursLate: hoursBetween(captured.captureDeadline, captured.capturedAt),
      materialCode: captured.materialCode,
      pages: captured.pages,
    },
  };
}
