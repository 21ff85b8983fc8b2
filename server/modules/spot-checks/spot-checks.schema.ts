import { z } from 'zod';
import { calendarDay, text } from '../../http/text.ts';

export const RoundIdParams = z.object({ id: z.uuid() });
export const RoundCaseParams = z.object({ id: z.uuid(), caseId: z.uuid() });
export const VerificationIdParams = z.object({ id: z.uuid() });

export const ProposeRoundBody = z.object({
  from: calendarDay.describe('decided on or after this Beijing day'),
  to: calendarDay.describe('decided on or before this Beijing day'),
  size: z.number().int().min(1).max(50).describe('how many cases to draw'),
});
export type ProposeRoundInput = z.infer<typeof ProposeRoundBody>;

export const ListRoundsQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const DoubtfulMaterial = z.object({
  materialCode: text({ max: 64 }),
  note: text({ min: 1, max: 300 }).describe('what is doubtful about it'),
  verifyPaper: z.boolean().default(false).describe('ask the station to check the paper original (调阅纸质材料核实)'),
});

export const FindingBody = z
  .object({
    result: z.enum(['pass', 'problem']).describe('合格 or 有问题'),
    note: text({ max: 500, multiline: true }).optional(),
    doubtful: z.array(DoubtfulMaterial).max(20).default([]),
  })
  .refine((f) => f.result === 'problem' || f.doubtful.length === 0, { message: 'a case found 合格 has no doubtful materials', path: ['doubtful'] })
  .refine((f) => f.result === 'pass' || (f.note ?? '').length > 0 || f.doubtful.length > 0, {
    message: 'a problem needs a note or a doubtful material',
    path: ['note'],
  });
export type FindingInput = z.infer<typeof FindingBody>;

export const CompleteRoundBody = z.object({ summary: text({ max: 500, multiline: true }).optional() });

export const VerificationStateSchema = z.enum(['requested', 'overdue', 'answered']);

export const ListVerificationsQuery = z.object({
  state: z
    .enum([...VerificationStateSchema.options, 'open'])
    .optional()
    .describe('open: requested or overdue'),
  roundId: z.uuid().optional(),
});

export const AnswerVerificationBody = z.object({
  result: z.enum(['consistent', 'inconsistent']).describe('一致 or 不一致 with the electronic page'),
  note: text({ min: 1, max: 500, multiline: true }),
});

const Unit = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });
const Subtype = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });
const CaseRef = z.object({
  id: z.string(),
  caseNo: z.string(),
  applicantName: z.string().describe('masked'),
  subtype: Subtype,
  stationName: z.string(),
});

export const PaperVerificationViewSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  case: CaseRef,
  station: Unit,
  checkerUnitName: z.string(),
  material: z.object({ code: z.string(), name: z.string() }),
  doubt: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  dueAt: z.string(),
  state: VerificationStateSchema,
  escalatedAt: z.string().nullable(),
  answer: z.enum(['consistent', 'inconsistent']).nullable(),
  answerNote: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  canAnswer: z.boolean(),
});
export type PaperVerificationView = z.infer<typeof PaperVerificationViewSchema>;
export const PaperVerificationListSchema = z.object({ items: z.array(PaperVerificationViewSchema) });

export const RoundViewSchema = z.object({
  id: z.string(),
  checkerUnit: Unit,
  createdBy: z.string(),
  createdAt: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  sampleSize: z.number().int().describe('the cases drawn'),
  checkedCount: z.number().int().describe('of them, those with a finding recorded'),
  state: z.enum(['open', 'completed']),
  completedAt: z.string().nullable(),
  summary: z.string().nullable(),
  canWork: z.boolean().describe('the signed-in person may record findings and complete it'),
});
export type RoundView = z.infer<typeof RoundViewSchema>;
export const RoundListSchema = z.object({
  items: z.array(RoundViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const RoundItemSchema = z.object({
  case: CaseRef,
  decidedAt: z.string().nullable(),
  weight: z.number().describe('the risk weight it was drawn with (docs/SPOT-CHECKS.md)'),
  risk: z.object({ warnings: z.number(), subtypeReturnRate: z.number(), officerReturnRate: z.number() }),
  materials: z.array(z.object({ code: z.string(), name: z.string() })),
  result: z.enum(['pass', 'problem']).nullable(),
  note: z.string().nullable(),
  doubtful: z.array(z.object({ materialCode: z.string(), materialName: z.string(), note: z.string() })),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type RoundItem = z.infer<typeof RoundItemSchema>;

export const RoundDetailSchema = RoundViewSchema.extend({
  items: z.array(RoundItemSchema),
  paperVerifications: z.array(PaperVerificationViewSchema),
});
export type RoundDetail = z.infer<typeof RoundDetailSchema>;

export const QuotaViewSchema = z.object({
  units: z.array(
    z.object({
      unit: Unit.extend({ kind: z.enum(['branch', 'city']) }),
      period: z.enum(['week', 'month']),
      periodFrom: z.string(),
      periodTo: z.string(),
      completedThisPeriod: z.number().int(),
      lastCompletedAt: z.string().nullable(),
      behind: z.boolean().describe('no round completed in the current period'),
      overdueVerifications: z.number().int(),
    }),
  ),
});
export type QuotaView = z.infer<typeof QuotaViewSchema>;
