import { z } from 'zod';
import type { ApprovalLevel } from '../../catalog/catalog.schema.ts';
import { enabled, type Finding, hours, plusHours, type RuleDefinition } from './rule.ts';

/**
 * 审批超期: a submitted case was still waiting at one level of its approval chain when the catalog's
 * approval limit, plus the hours set here for that level, had passed. Keyed on the case, the
 * submission (its instant: a return and a new submission start afresh) and the level: a case late at
 * the branch and then late again at the city raises one for each. The unit answerable is the one at
 * that level above the station (the station itself, its branch bureau, or the city bureau).
 */
export const approvalOverdueRule: RuleDefinition = {
  code: 'approval_overdue',
  name: { zh: '审批超期', en: 'Approval overdue' },
  keyOn: 'the case, its submission and the level it waited at',
  evaluatedOn: 'the sweep, once a deadline plus the level’s hours has passed; each decision (review, approve, return)',
};

export const ApprovalOverdueSettingsSchema = z.object({
  enabled,
  hoursOverdue: z
    .object({
      station: hours('hours past the approval limit before a case waiting at the station is reported'),
      branch: hours('… waiting at the branch bureau'),
      city: hours('… waiting at the city bureau'),
    })
    .describe('per approval level'),
});
export type ApprovalOverdueSettings = z.infer<typeof ApprovalOverdueSettingsSchema>;
export const APPROVAL_OVERDUE_DEFAULTS: ApprovalOverdueSettings = { enabled: true, hoursOverdue: { station: 0, branch: 0, city: 0 } };

/** A submitted case waiting at a level, and whether it still waited there at `at`. */
export interface PendingApproval {
  caseId: string;
  caseUnitId: string;
  submittedAt: string;
  approvalDeadline: string;
  level: ApprovalLevel;
  /** The unit deciding at that level. */
  levelUnitId: string;
}

/** When a case waiting at this level becomes overdue under the settings. */
export function overdueAt(pending: Pick<PendingApproval, 'approvalDeadline' | 'level'>, settings: ApprovalOverdueSettings): string {
  return plusHours(pending.approvalDeadline, settings.hoursOverdue[pending.level]);
}

/** The warning when the case still waited at its level at `at`, past the deadline and the level's hours. */
export function findApprovalOverdue(pending: PendingApproval, settings: ApprovalOverdueSettings, at: string): Finding | null {
  if (!settings.enabled) return null;
  const since = overdueAt(pending, settings);
  if (at <= since) return null;
  return {
    rule: 'approval_overdue',
    factKey: `${pending.caseId}/${pending.submittedAt}/${pending.level}`,
    caseId: pending.caseId,
    unitId: pending.levelUnitId,
    caseUnitId: pending.caseUnitId,
    occurredAt: since,
    detail: {
      level: pending.level,
      submittedAt: pending.submittedAt,
      approvalDeadline: pending.approvalDeadline,
      hoursOverdue: settings.hoursOverdue[pending.level],
    },
  };
}
