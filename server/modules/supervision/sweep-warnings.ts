import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { raiseWarnings } from './raise-warnings.ts';
import type { Finding } from './rules/rule.ts';
import type { RuleCode } from './rules/rule-codes.ts';
import { loadSupervisionPolicy } from './supervision-policy.repo.ts';
import { sweepApprovals } from './sweep/approvals.ts';
import { sweepCaptureLimits } from './sweep/capture-limits.ts';
import { sweepPages } from './sweep/pages.ts';
import { sweepRefusals } from './sweep/refusals.ts';
import type { SweepRun } from './sweep/sweep-context.ts';
import { lastAuditSeq, listAllUnitPlaces, loadSweepMarks, saveSweepMarks } from './warning-facts.repo.ts';

/**
 * How far behind the clock a run stops: a capture committing just after the run read the pages of
 * its instant would otherwise fall between two runs. Acts raise their own warnings in their
 * transaction; the sweep is what catches the rest, so a couple of minutes' delay costs nothing.
 */
export const SETTLE_MS = 2 * 60_000;
const EPOCH = '1970-01-01T00:00:00.000Z';

export interface SweepReport {
  after: string;
  until: string;
  casesByCaptureLimit: number;
  casesByApprovalLimit: number;
  pages: number;
  trailSeq: number;
  raised: Partial<Record<RuleCode, number>>;
}

/**
 * The warning sweep (scheduled every 15 minutes, server/jobs/server-tasks.ts): the time-based rules
 * over what passed since the last run and the trail's new refusals, each read by an index range, each
 * batch's warnings raised in one transaction. Idempotent: a fact already warned of is found by its key,
 * so a run repeated after a failure, or racing an act, raises nothing twice. The first run on a
 * database looks at all of its history. The marks move only when every part has run.
 */
export async function sweepWarnings(ctx: AppContext): Promise<SweepReport> {
  const db = ctx.db.kysely;
  const nowDate = ctx.now();
  const now = nowDate.toISOString();
  const until = new Date(nowDate.getTime() - SETTLE_MS).toISOString();
  const marks = await loadSweepMarks(db);
  const after = marks?.swept_until ?? EPOCH;
  const raised: SweepReport['raised'] = {};
  const report: SweepReport = { after, until, casesByCaptureLimit: 0, casesByApprovalLimit: 0, pages: 0, trailSeq: marks?.audit_seq ?? 0, raised };
  if (until <= after) return report;
  const uptoSeq = await lastAuditSeq(db);
  const run: SweepRun = {
    ctx,
    policy: (await loadSupervisionPolicy(db)).policy,
    units: await listAllUnitPlaces(db),
    now,
    after,
    until,
    async raise(findings: readonly (Finding | null)[]) {
      if (!findings.some((f) => f !== null)) return 0;
      const done = await inTransaction(ctx.db, (tx) => raiseWarnings(tx, findings, now, 'sweep'));
      for (const { finding } of done) raised[finding.rule] = (raised[finding.rule] ?? 0) + 1;
      return done.length;
    },
  };
  report.casesByCaptureLimit = await sweepCaptureLimits(run);
  report.casesByApprovalLimit = await sweepApprovals(run);
  report.pages = await sweepPages(run);
  report.trailSeq = await sweepRefusals(run, marks?.audit_seq ?? 0, uptoSeq);
  await inTransaction(ctx.db, (tx) => saveSweepMarks(tx, { sweptUntil: until, auditSeq: report.trailSeq }, now));
  return report;
}
