import { approvalOverdueRule } from './approval-overdue.ts';
import { auxiliaryOverreachRule } from './auxiliary-overreach.ts';
import { imageReuseRule } from './image-reuse.ts';
import { incompleteRule } from './incomplete.ts';
import { lateUploadRule } from './late-upload.ts';
import { notUploadedRule } from './not-uploaded.ts';
import type { RuleDefinition } from './rule.ts';
import type { RuleCode } from './rule-codes.ts';
import { supplementRule } from './supplement.ts';

/** Every rule by its code; the compiler checks none is missing. */
export const RULES: Record<RuleCode, RuleDefinition> = {
  not_uploaded: notUploadedRule,
  incomplete: incompleteRule,
  late_upload: lateUploadRule,
  supplement: supplementRule,
  approval_overdue: approvalOverdueRule,
  auxiliary_overreach: auxiliaryOverreachRule,
  image_reuse: imageReuseRule,
};
