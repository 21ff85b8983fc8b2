import { pendingLevel } from '../../cases/workflow.ts';
import { unitAtLevel } from '../level-unit.ts';
import { findApprovalOverdue, overdueAt } from '../rules/approval-overdue.ts';
import type { Finding } from '../rules/rule.ts';
import { type Cursor, listSubmittedByApprovalDeadline } from '../warning-facts.repo.ts';
import { BATCH, inWindow, minusHours, type SweepRun } from './sweep-context.ts';

/**
 * 审批超期: cases under approval whose approval limit, plus the hours set for the level they wait at,
 * passed in the window, read by the limit's index. A case decided meanwhile was judged by its
 * decision (supervision/evaluate-act.ts). Answers the cases read.
 */
export async function sweepApprovals(run: SweepRun): Promise<number> {
  const settings = run.policy.approval_overdue;
  if (!settings.enabled) return 0;
  const hours = Object.values(settings.hoursOverdue);
  const window = { after: minusHours(run.after, Math.max(...hours)), until: minusHours(run.until, Math.min(...hours)) };
  let cursor: Cursor | null = null;
  let read = 0;
  for (;;) {
    const cases = await listSubmittedByApprovalDeadline(run.ctx.db.kysely, window, cursor, BATCH);
    const findings: (Finding | null)[] = [];
    for (const kase of cases) {
      const chain = run.ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code).subtype.approvalChain;
      const level = pendingLevel({ status: 'submitted', chainStep: kase.chain_step }, chain);
      if (!level || !kase.submitted_at || !kase.approval_deadline) continue;
      const pending = {
        caseId: kase.id,
        caseUnitId: kase.unit_id,
        submittedAt: kase.submitted_at,
        approvalDeadline: kase.approval_deadline,
        level,
        levelUnitId: unitAtLevel(run.units, kase.unit_id, kase.unit_path, level),
      };
      if (inWindow(run, overdueAt(pending, settings))) findings.push(findApprovalOverdue(pending, settings, run.now));
    }
    await run.raise(findings);
    read += cases.length;
    const last = cases[cases.length - 1];
    if (!last?.approval_deadline || cases.length < BATCH) return read;
    cursor = { at: last.approval_deadline, id: last.id };
  }
}
