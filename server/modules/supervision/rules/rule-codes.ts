/**
 * The warning rules (预警规则), one file each in this folder. A code is stored with every warning,
 * so codes never change meaning; a new rule takes a new code.
 */
export const RULE_CODES = [
  'not_uploaded', // 未上传
  'incomplete', // 不齐全
  'late_upload', // 超期上传
  'supplement', // 补录
  'approval_overdue', // 审批超期
  'auxiliary_overreach', // 协警越权操作
  'image_reuse', // 图像重复使用
] as const;

export type RuleCode = (typeof RULE_CODES)[number];
