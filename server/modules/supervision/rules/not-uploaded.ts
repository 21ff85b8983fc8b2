import { z } from 'zod';
import { type CaptureLimitFacts, openAt, pagesStandingAt } from './capture-limit-facts.ts';
import { enabled, type Finding, hours, plusHours, type RuleDefinition } from './rule.ts';

/**
 * 未上传: a case was accepted and nothing had been captured for it when the catalog's capture limit
 * (plus the grace set here) passed. Keyed on the case: one warning per case, ever.
 */
export const notUploadedRule: RuleDefinition = {
  code: 'not_uploaded',
  name: { zh: '未上传', en: 'Not uploaded' },
  keyOn: 'the case',
  evaluatedOn: 'the sweep, once the capture limit and grace have passed; a capture after them',
};

export const NotUploadedSettingsSchema = z.object({
  enabled,
  graceHours: hours('hours after the capture limit before an empty case is reported'),
});
export type NotUploadedSettings = z.infer<typeof NotUploadedSettingsSchema>;
export const NOT_UPLOADED_DEFAULTS: NotUploadedSettings = { enabled: true, graceHours: 0 };

/** The warning for a case with no page standing at its capture limit (plus grace), if that time has come. */
export function findNotUploaded(facts: CaptureLimitFacts, settings: NotUploadedSettings, now: string): Finding | null {
  if (!settings.enabled) return null;
  const asOf = plusHours(facts.captureDeadline, settings.graceHours);
  if (asOf >= now || !openAt(facts, asOf)) return null;
  if (pagesStandingAt(facts.pages, asOf).size > 0) return null;
  return {
    rule: 'not_uploaded',
    factKey: facts.caseId,
    caseId: facts.caseId,
    unitId: facts.unitId,
    caseUnitId: facts.unitId,
    occurredAt: asOf,
    detail: { captureDeadline: facts.captureDeadline, graceHours: settings.graceHours },
  };
}
