import { type CaptureLimitFacts } from '../rules/capture-limit-facts.ts';
import { findIncompleteAtLimit } from '../rules/incomplete.ts';
import { findNotUploaded } from '../rules/not-uploaded.ts';
import { type Finding, plusHours } from '../rules/rule.ts';
import { type Cursor, listCasesByCaptureDeadline, listPageTimesOfCases } from '../warning-facts.repo.ts';
import { BATCH, inWindow, minusHours, type SweepRun } from './sweep-context.ts';

/**
 * 未上传 and 不齐全: the cases whose capture limit plus each rule's grace passed in the window, read
 * by the limit's index, with their pages as of that instant. Answers the cases read.
 */
export async function sweepCaptureLimits(run: SweepRun): Promise<number> {
  const rules = [
    { settings: run.policy.not_uploaded, find: findNotUploaded },
    { settings: run.policy.incomplete, find: findIncompleteAtLimit },
  ].filter((rule) => rule.settings.enabled);
  if (rules.length === 0) return 0;
  const graces = rules.map((rule) => rule.settings.graceHours);
  const window = { after: minusHours(run.after, Math.max(...graces)), until: minusHours(run.until, Math.min(...graces)) };
  let cursor: Cursor | null = null;
  let read = 0;
  for (;;) {
    const cases = await listCasesByCaptureDeadline(run.ctx.db.kysely, window, cursor, BATCH);
    const pages = await listPageTimesOfCases(
      run.ctx.db.kysely,
      cases.map((c) => c.id),
    );
    const findings: (Finding | null)[] = [];
    for (const kase of cases) {
      const facts: CaptureLimitFacts = {
        caseId: kase.id,
        unitId: kase.unit_id,
        captureDeadline: kase.capture_deadline,
        closedAt: kase.closed_at,
        materials: run.ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code).subtype.materials,
        pages: pages.get(kase.id) ?? [],
      };
      for (const rule of rules) {
        if (inWindow(run, plusHours(kase.capture_deadline, rule.settings.graceHours))) findings.push(rule.find(facts, rule.settings, run.now));
      }
    }
    await run.raise(findings);
    read += cases.length;
    const last = cases[cases.length - 1];
    if (!last || cases.length < BATCH) return read;
    cursor = { at: last.capture_deadline, id: last.id };
  }
}
