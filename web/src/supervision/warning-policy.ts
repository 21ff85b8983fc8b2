import type { paths } from '../api/schema';

export type WarningPolicyView = paths['/api/supervision/policy']['get']['responses'][200]['content']['application/json'];
export type WarningPolicy = WarningPolicyView['policy'];

/** The rules and their settings: the 预警 page reads the rules' names from it, the 预警设置 page all of it. */
export const WARNING_POLICY_KEY = ['supervision', 'policy'] as const;

/** The settings as the server holds and compares them: the form's values in the schema's shape and order. */
export function policyOf(v: WarningPolicy): WarningPolicy {
  return {
    not_uploaded: { enabled: v.not_uploaded.enabled, graceHours: v.not_uploaded.graceHours },
    incomplete: { enabled: v.incomplete.enabled, graceHours: v.incomplete.graceHours },
    late_upload: { enabled: v.late_upload.enabled, minHoursLate: v.late_upload.minHoursLate },
    supplement: { enabled: v.supplement.enabled, afterSubmissionOnly: v.supplement.afterSubmissionOnly },
    approval_overdue: {
      enabled: v.approval_overdue.enabled,
      hoursOverdue: {
        station: v.approval_overdue.hoursOverdue.station,
        branch: v.approval_overdue.hoursOverdue.branch,
        city: v.approval_overdue.hoursOverdue.city,
      },
    },
    auxiliary_overreach: { enabled: v.auxiliary_overreach.enabled },
    image_reuse: { enabled: v.image_reuse.enabled },
  };
}
