import { z } from 'zod';
import { RULE_CODES } from './rules/rule-codes.ts';
import { WARNING_STATES } from './warning-projection.ts';

export const Label = z.object({ zh: z.string(), en: z.string() });
export const WarningRuleSchema = z.enum(RULE_CODES);
export const WarningStateSchema = z.enum(WARNING_STATES);

/** A warning as the case page shows it (the case view's `openWarnings`): no names, no ID numbers. */
export const CaseWarningSchema = z.object({
  id: z.string(),
  rule: WarningRuleSchema,
  ruleName: Label,
  state: WarningStateSchema,
  occurredAt: z.string().describe('when the fact happened (a limit passed, pages came, an act was refused)'),
  raisedAt: z.string(),
  detail: z.record(z.string(), z.unknown()).describe('what the rule found, by rule (docs/SUPERVISION.md)'),
});

export type CaseWarning = z.infer<typeof CaseWarningSchema>;
