import { z } from 'zod';
import { text } from '../../http/text.ts';

/** 盒号 and 卷号 as written on the box and the volume's spine: letters, digits and hyphens. */
const shelfMark = (what: string) =>
  text({ min: 1, max: 20 })
    .regex(/^[0-9A-Za-z-]+$/, 'letters, digits and hyphens')
    .describe(what);
const sequence = z.number().int().min(1).max(9999).describe('件号: the file’s sequence in the volume');

export const CaseIdParams = z.object({ caseId: z.uuid() });

export const BindBody = z.object({
  caseIds: z
    .array(z.uuid())
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, 'a case is listed twice')
    .describe('the cases bound into the volume, in their order in it'),
  boxNo: shelfMark('盒号 the box'),
  volumeNo: shelfMark('卷号 the volume'),
  firstSequence: sequence.optional().describe('件号 of the first case; the others follow. Default: after the last one in the volume'),
});
export type BindInput = z.infer<typeof BindBody>;

export const MoveBody = z.object({
  boxNo: shelfMark('盒号 the new box'),
  volumeNo: shelfMark('卷号 the new volume'),
  sequence,
  reason: text({ min: 2, max: 300, multiline: true }).describe('why the bound file moves (移卷原因)'),
});
export type MoveInput = z.infer<typeof MoveBody>;

export const PaperStateSchema = z.enum(['pending', 'bound']).describe('pending 待装订, bound 已装订');

export const ListPaperFilesQuery = z.object({
  state: z.enum(['pending', 'bound', 'overdue']).optional().describe('overdue: not bound and past the binding deadline'),
  unitId: text({ max: 64 }).optional().describe('files of this unit and the units under it'),
  boxNo: shelfMark('盒号').optional(),
  volumeNo: shelfMark('卷号').optional(),
  caseNo: text({ max: 40 }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPaperFilesInput = z.infer<typeof ListPaperFilesQuery>;

export const OverdueReportQuery = z.object({
  unitId: text({ max: 64 }).optional().describe('the report of this unit and the units under it'),
});

const Unit = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });

export const PaperFileViewSchema = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  applicantName: z.string().describe('masked: the surname and the last character'),
  subtype: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  station: Unit.describe('where the paper original is kept'),
  decidedAt: z.string(),
  dueDay: z.string().describe('the Beijing day by which it must be bound'),
  state: PaperStateSchema,
  overdue: z.boolean().describe('not bound and past its deadline'),
  place: z.object({ boxNo: z.string(), volumeNo: z.string(), sequence: z.number().int() }).nullable(),
  bound: z.object({ by: z.object({ id: z.string(), name: z.string() }), at: z.string(), movedAt: z.string().nullable() }).nullable(),
  canFile: z.boolean().describe('whether the signed-in person may bind or move it'),
});
export type PaperFileView = z.infer<typeof PaperFileViewSchema>;

export const PaperFileListSchema = z.object({
  items: z.array(PaperFileViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  bindDay: z.number().int().describe('files of a month’s decided cases are bound by this day of the next month'),
});

export const BindResultSchema = z.object({ items: z.array(PaperFileViewSchema) });

export const CasePaperFileSchema = z.object({
  decided: z.boolean().describe('false: the case is not approved, so it has no paper file to bind yet'),
  file: PaperFileViewSchema.nullable(),
  history: z.array(
    z.object({
      seq: z.number().int(),
      action: z.enum(['bind', 'move']),
      place: z.object({ boxNo: z.string(), volumeNo: z.string(), sequence: z.number().int() }),
      actorName: z.string(),
      at: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

export const OverdueReportSchema = z.object({
  asOf: z.string(),
  bindDay: z.number().int(),
  overdueBefore: z.string().describe('files of cases decided before this instant and not bound are overdue'),
  units: z.array(
    Unit.extend({
      kind: z.enum(['city', 'branch', 'station']),
      parentId: z.string().nullable(),
      pending: z.number().int().describe('awaiting binding, in this unit and the units under it'),
      overdue: z.number().int().describe('of which past the deadline'),
    }),
  ),
  items: z.array(PaperFileViewSchema).describe('the overdue files, oldest first (at most 200)'),
  total: z.number().int(),
});
