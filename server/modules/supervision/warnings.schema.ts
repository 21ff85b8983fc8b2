import { z } from 'zod';
import { calendarDay, text } from '../../http/text.ts';
import { CaseWarningSchema, Label, WarningRuleSchema, WarningStateSchema } from './case-warning.schema.ts';
import { SupervisionPolicySchema } from './supervision-policy.ts';
import { WARNING_ACTS } from './warning-projection.ts';

export const WarningIdParams = z.object({ id: z.uuid() });

const day = (what: string) => calendarDay.optional().describe(`${what}, inclusive: a Beijing calendar day YYYY-MM-DD`);

export const ListWarningsQuery = z.object({
  state: z
    .enum([...WarningStateSchema.options, 'open'])
    .optional()
    .describe('open: raised or acknowledged, not yet resolved'),
  rule: WarningRuleSchema.optional(),
  unitId: text({ max: 64 }).optional().describe('warnings of this unit and the units under it'),
  caseId: z.uuid().optional(),
  from: day('raised on or after this day'),
  to: day('raised on or before this day'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListWarningsInput = z.infer<typeof ListWarningsQuery>;

export const ResolveWarningBody = z.object({ note: text({ min: 1, max: 500, multiline: true }).describe('how it was dealt with (处理情况)') });

const Person = z.object({ id: z.string(), name: z.string() });

export const WarningActSchema = z.enum(['acknowledge', 'resolve']);

export const WarningViewSchema = CaseWarningSchema.extend({
  unit: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }).describe('the unit answerable for it'),
  case: z
    .object({
      id: z.string(),
      caseNo: z.string(),
      applicantName: z.string().describe('masked: the surname and the last character'),
      subtype: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
      unitName: z.string(),
    })
    .nullable(),
  acknowledged: z.object({ by: Person, at: z.string() }).nullable(),
  resolved: z.object({ by: Person, at: z.string(), note: z.string() }).nullable(),
  allowedActs: z.array(WarningActSchema).describe('what the signed-in person may do with it now'),
});

export const WarningListSchema = z.object({
  items: z.array(WarningViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const WarningDetailSchema = WarningViewSchema.extend({
  history: z.array(
    z.object({ seq: z.number().int(), action: z.enum(WARNING_ACTS), actorName: z.string().nullable(), at: z.string(), note: z.string().nullable() }),
  ),
});

export const SupervisionPolicyViewSchema = z.object({
  policy: SupervisionPolicySchema,
  defaults: z.boolean().describe('true while nothing is stored and the defaults are in force'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable().describe('user id of the city supervisor who set it last'),
  updatedByName: z.string().nullable().describe('their display name'),
  rules: z.array(z.object({ code: WarningRuleSchema, name: Label, keyOn: z.string(), evaluatedOn: z.string() })),
  canUpdate: z.boolean(),
});

export type WarningView = z.infer<typeof WarningViewSchema>;
export type WarningDetail = z.infer<typeof WarningDetailSchema>;
