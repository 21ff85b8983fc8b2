import { z } from 'zod';
import type { CatalogMaterial } from '../../catalog/catalog.schema.ts';
import { type MissingMaterial, missingMaterials } from '../../cases/required-materials.ts';
import { type CaptureLimitFacts, openAt, pagesStandingAt } from './capture-limit-facts.ts';
import { enabled, type Finding, hours, plusHours, type RuleDefinition } from './rule.ts';

/**
 * 不齐全: a required material (catalog: required, with its minimum pages) was missing when the capture
 * limit (plus grace) passed with something captured, or at submission or completion. Keyed on the
 * case: one warning per case, whichever moment found it first. A case with nothing at all at its
 * limit is 未上传 instead. Today's workflow refuses submission without every required material
 * (cases/required-materials.ts), so the check at submission and completion is a guard that keeps
 * holding if that ever changes.
 */
export const incompleteRule: RuleDefinition = {
  code: 'incomplete',
  name: { zh: '档案不齐全', en: 'Materials incomplete' },
  keyOn: 'the case',
  evaluatedOn: 'the sweep, once the capture limit and grace have passed; a capture after them; submission; completion',
};

export const IncompleteSettingsSchema = z.object({
  enabled,
  graceHours: hours('hours after the capture limit before a case still missing required materials is reported'),
});
export type IncompleteSettings = z.infer<typeof IncompleteSettingsSchema>;
export const INCOMPLETE_DEFAULTS: IncompleteSettings = { enabled: true, graceHours: 0 };

function finding(caseId: string, unitId: string, occurredAt: string, moment: string, missing: MissingMaterial[]): Finding {
  return { rule: 'incomplete', factKey: caseId, caseId, unitId, caseUnitId: unitId, occurredAt, detail: { moment, missing } };
}

/** At the capture limit (plus grace): something captured, yet a required material short of its pages. */
export function findIncompleteAtLimit(facts: CaptureLimitFacts, settings: IncompleteSettings, now: string): Finding | null {
  if (!settings.enabled) return null;
  const asOf = plusHours(facts.captureDeadline, settings.graceHours);
  if (asOf >= now || !openAt(facts, asOf)) return null;
  const standing = pagesStandingAt(facts.pages, asOf);
  if (standing.size === 0) return null;
  const missing = missingMaterials(facts.materials, standing);
  if (missing.length === 0) return null;
  const found = finding(facts.caseId, facts.unitId, asOf, 'capture_limit', missing);
  return { ...found, detail: { ...found.detail, captureDeadline: facts.captureDeadline, graceHours: settings.graceHours } };
}

/** At submission or completion: the pages the case has now against the catalog's required materials. */
export function findIncompleteAtAct(
  facts: { caseId: string; unitId: string; act: 'submit' | 'complete'; at: string; materials: readonly CatalogMaterial[] },
  pagesByMaterial: ReadonlyMap<string, number>,
  settings: IncompleteSettings,
): Finding | null {
  if (!settings.enabled) return null;
  const missing = missingMaterials(facts.materials, pagesByMaterial);
  return missing.length === 0 ? null : finding(facts.caseId, facts.unitId, facts.at, facts.act, missing);
}
