import { z } from 'zod';
import { APPROVAL_OVERDUE_DEFAULTS, ApprovalOverdueSettingsSchema } from './rules/approval-overdue.ts';
import { AUXILIARY_OVERREACH_DEFAULTS, AuxiliaryOverreachSettingsSchema } from './rules/auxiliary-overreach.ts';
import { IMAGE_REUSE_DEFAULTS, ImageReuseSettingsSchema } from './rules/image-reuse.ts';
import { INCOMPLETE_DEFAULTS, IncompleteSettingsSchema } from './rules/incomplete.ts';
import { LATE_UPLOAD_DEFAULTS, LateUploadSettingsSchema } from './rules/late-upload.ts';
import { NOT_UPLOADED_DEFAULTS, NotUploadedSettingsSchema } from './rules/not-uploaded.ts';
import { SUPPLEMENT_DEFAULTS, SupplementSettingsSchema } from './rules/supplement.ts';

/**
 * The supervision policy: each warning rule's settings, keyed by rule code, stored like the security
 * policy (org/security-policy.ts): one row, validated as a whole, every number bounded, defaults while
 * nothing is stored. A city supervisor sets it (supervision.policy_update, audited with before and
 * after). A change applies to what is evaluated from then on; warnings already raised stay as they are.
 */
export const SupervisionPolicySchema = z.object({
  not_uploaded: NotUploadedSettingsSchema,
  incomplete: IncompleteSettingsSchema,
  late_upload: LateUploadSettingsSchema,
  supplement: SupplementSettingsSchema,
  approval_overdue: ApprovalOverdueSettingsSchema,
  auxiliary_overreach: AuxiliaryOverreachSettingsSchema,
  image_reuse: ImageReuseSettingsSchema,
});

export type SupervisionPolicy = z.infer<typeof SupervisionPolicySchema>;

/** In force while nothing is stored: every rule on, no grace beyond the catalog's own limits. */
export const DEFAULT_SUPERVISION_POLICY: SupervisionPolicy = {
  not_uploaded: NOT_UPLOADED_DEFAULTS,
  incomplete: INCOMPLETE_DEFAULTS,
  late_upload: LATE_UPLOAD_DEFAULTS,
  supplement: SUPPLEMENT_DEFAULTS,
  approval_overdue: APPROVAL_OVERDUE_DEFAULTS,
  auxiliary_overreach: AUXILIARY_OVERREACH_DEFAULTS,
  image_reuse: IMAGE_REUSE_DEFAULTS,
};
