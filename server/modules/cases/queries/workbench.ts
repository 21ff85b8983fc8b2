import type { AppContext } from '../../../context.ts';
import { beijingDay, beijingDayStart } from '../../../time/beijing-day.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { ApprovalLevel } from '../../catalog/catalog.schema.ts';
import type { Actor } from '../../org/actor.ts';
import { listUnitsInScope } from '../../org/org.repo.ts';
import { ROLES } from '../../org/roles.ts';
import { type ChainDecision, requiredPages, stepsPendingAt } from '../catalog-facts.ts';
import { canUseWorkbench, decidingLevelOf } from '../cases.policy.ts';
import type { Workbench, WorkbenchItem } from '../cases.schema.ts';
import { presentCaseSummary } from '../present-case.ts';
import {
  countCaptureFindingsByUnit,
  countWorkbenchCases,
  countWorkbenchCasesByUnit,
  listWorkbenchCases,
  type WorkbenchFilter,
  type WorkbenchOrder,
} from '../workbench.repo.ts';
import type { CaseStatus } from '../workflow.ts';

type GroupName = keyof Workbench['groups'];
type Deadline = 'capture' | 'approval' | null;

interface GroupSpec {
  filter: WorkbenchFilter;
  order: WorkbenchOrder;
  deadline: Deadline;
}

/** A decider's inbox, by what the level does to the case: 待审核 (not the chain's last step), 待审批 (the last). */
const DECISION_GROUPS: readonly (readonly [GroupName, ChainDecision])[] = [
  ['toReview', 'review'],
  ['toApprove', 'approve'],
];

const HOUR = 3_600_000;
const DUE_SOON_HOURS = 24;
/** Open at the station and not yet sent up: what the capture deadline still concerns. */
const BEFORE_SUBMISSION: readonly CaseStatus[] = ['accepted', 'verified'];

function withDeadline(summary: ReturnType<typeof presentCaseSummary>, deadline: Deadline, now: Date): WorkbenchItem {
  const at = deadline === 'capture' ? summary.captureDeadline : deadline === 'approval' ? summary.approvalDeadline : null;
  if (!at) return { ...summary, deadline: null, overdue: false, secondsLeft: null };
  const secondsLeft = Math.floor((Date.parse(at) - now.getTime()) / 1000);
  return { ...summary, deadline: at, overdue: secondsLeft < 0, secondsLeft };
}

/**
 * The groups an actor's work falls into. A station's people see their station's open cases by
 * what each waits for; whoever decides at a level sees that level's inbox in scope (the level and
 * the scope the acts check, cases.policy.ts), split into what it reviews and what it approves; a
 * supervisor sees what is overdue in scope.
 */
function groupsFor(ctx: AppContext, actor: Actor, level: ApprovalLevel | null, unitIds: string[], now: Date): Partial<Record<GroupName, GroupSpec>> {
  const versions = ctx.catalogs.versions();
  const groups: Partial<Record<GroupName, GroupSpec>> = {};
  const nowIso = now.toISOString();
  if (ROLES[actor.role].unitKind === 'station') {
    const station = [actor.unitId];
    const required = requiredPages(versions);
    groups.toCapture = {
      filter: { unitIds: station, statuses: ['accepted'], materials: { complete: false, required } },
      order: 'capture_deadline',
      deadline: 'capture',
    };
    groups.toVerify = {
      filter: { unitIds: station, statuses: ['accepted'], materials: { complete: true, required } },
      order: 'capture_deadline',
      deadline: 'capture',
    };
    groups.toSubmit = { filter: { unitIds: station, statuses: ['verified'] }, order: 'capture_deadline', deadline: 'capture' };
    groups.returned = { filter: { unitIds: station, statuses: ['returned'] }, order: 'updated_at', deadline: null };
    groups.dueSoon = {
      filter: { unitIds: station, statuses: BEFORE_SUBMISSION, captureDeadlineBefore: new Date(now.getTime() + DUE_SOON_HOURS * HOUR).toISOString() },
      order: 'capture_deadline',
      deadline: 'capture',
    };
  }
  if (level) {
    for (const [name, decision] of DECISION_GROUPS) {
      const steps = stepsPendingAt(versions, level, decision);
      // A level that never makes this decision in any catalog (the city only approves) has no such group.
      if (steps.length === 0) continue;
      groups[name] = { filter: { unitIds, statuses: ['submitted'], pendingAt: steps }, order: 'approval_deadline', deadline: 'approval' };
    }
  }
  if (actor.role === 'supervisor') {
    groups.approvalOverdue = {
      filter: { unitIds, statuses: ['submitted'], approvalDeadlineBefore: nowIso },
      order: 'approval_deadline',
      deadline: 'approval',
    };
    groups.captureOverdue = {
      filter: { unitIds, statuses: BEFORE_SUBMISSION, captureDeadlineBefore: nowIso },
      order: 'capture_deadline',
      deadline: 'capture',
    };
  }
  return groups;
}

/**
 * For supervision: per unit, the pages captured since the month began (Beijing time) and how many
 * of them came as 补录, came late, were kept despite quality warnings, or repeat another person's page.
 */
async function captureFindingsThisMonth(
  ctx: AppContext,
  units: readonly { id: string; name: string }[],
  now: Date,
): Promise<Workbench['captureFindings']> {
  const since = beijingDayStart(`${beijingDay(now).slice(0, 7)}-01`).toISOString();
  const counts = await countCaptureFindingsByUnit(
    ctx.db.kysely,
    units.map((u) => u.id),
    since,
  );
  const byUnit = units.flatMap((u) => {
    const found = counts.get(u.id);
    return found ? [{ unit: { id: u.id, name: u.name }, ...found }] : [];
  });
  return { since, byUnit };
}

/**
 * 工作台: what the signed-in user has to do now, counted in SQL, each group's first cases listed.
 * Recorded like a search, since it lists people's cases.
 */
export function showWorkbench(ctx: AppContext, actor: Actor, input: { limit: number }): Promise<Workbench> {
  return auditedRead(ctx, actor, { action: 'case.search', objectType: 'case', objectId: null }, async () => {
    const decision = canUseWorkbench(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const now = ctx.now();
    const units = await listUnitsInScope(ctx.db.kysely, actor.unitPath);
    const level = decidingLevelOf(actor);
    const specs = groupsFor(
      ctx,
      actor,
      level,
      units.map((u) => u.id),
      now,
    );
    const groups: Workbench['groups'] = {};
    for (const [name, spec] of Object.entries(specs) as [GroupName, GroupSpec][]) {
      const [count, rows] = await Promise.all([
        countWorkbenchCases(ctx.db.kysely, spec.filter),
        listWorkbenchCases(ctx.db.kysely, ctx.dataKeys, spec.filter, spec.order, input.limit),
      ]);
      const items = rows.map((row) =>
        withDeadline(presentCaseSummary(row, ctx.catalogs.subtype(row.catalog_version, row.subtype_code)), spec.deadline, now),
      );
      groups[name] = { count, items };
    }
    let overdueByUnit: Workbench['overdueByUnit'] = null;
    if (specs.approvalOverdue && specs.captureOverdue) {
      const [approval, capture] = await Promise.all([
        countWorkbenchCasesByUnit(ctx.db.kysely, specs.approvalOverdue.filter),
        countWorkbenchCasesByUnit(ctx.db.kysely, specs.captureOverdue.filter),
      ]);
      overdueByUnit = units
        .map((u) => ({ unit: { id: u.id, name: u.name }, approvalOverdue: approval.get(u.id) ?? 0, captureOverdue: capture.get(u.id) ?? 0 }))
        .filter((u) => u.approvalOverdue + u.captureOverdue > 0);
    }
    const captureFindings = actor.role === 'supervisor' ? await captureFindingsThisMonth(ctx, units, now) : null;
    const counts = Object.fromEntries(Object.entries(groups).map(([name, group]) => [name, group.count]));
    const caseIds = [...new Set(Object.values(groups).flatMap((group) => group.items.map((item) => item.id)))];
    return {
      result: { asOf: now.toISOString(), groups, inboxLevel: level, overdueByUnit, captureFindings },
      detail: { view: 'workbench', counts, results: caseIds.length, caseIds },
    };
  });
}
