import { z } from 'zod';
import { APPROVAL_LEVELS } from '../catalog/catalog.schema.ts';
import { calendarDay, text } from '../../http/text.ts';
import { ACTS_ON_A_CASE } from './allowed-acts.ts';
import { CASE_STATUSES } from './workflow.ts';
import { CaseWarningSchema } from '../supervision/case-warning.schema.ts';

export const CaseIdParams = z.object({ id: z.uuid() });
export const CaseImageParams = z.object({ id: z.uuid(), imageId: z.uuid() });

/** A business field: key as the catalog names it (unknown keys are reported by the use case), value as typed. */
const FieldKey = text({ min: 1, max: 64, trim: false });
const FieldValue = z.union([text({ max: 500, multiline: true }), z.number()]);
const MAX_FIELDS = 100;

export const AcceptCaseBody = z.object({
  subtypeCode: z
    .string()
    .regex(/^\d{4}$/)
    .describe('业务小类代码, e.g. 0101 当年出生'),
  applicant: z.object({
    name: text({ min: 1, max: 50 }),
    idNumber: text({ min: 1, max: 32 }).describe('公民身份号码 (GB 11643-1999)'),
    phone: text({ max: 20 })
      .regex(/^[0-9+\- ]{5,20}$/)
      .optional(),
  }),
  fields: z
    .record(FieldKey, FieldValue)
    .refine((fields) => Object.keys(fields).length <= MAX_FIELDS, { message: `at most ${MAX_FIELDS} fields` })
    .default({}),
});

export const CommentBody = z.object({ comment: text({ max: 500, multiline: true }).optional() }).default({});
export const ReasonBody = z.object({ reason: text({ min: 1, max: 500, multiline: true }) });
export const RevealIdBody = z.object({
  field: text({ min: 1, max: 64 }).default('applicant').describe('"applicant" or an idNumber field of the sub-type'),
  reason: text({ min: 2, max: 200 }).describe('why the full number is needed; written to the trail'),
});

/** The materialCode part of a capture upload (multipart), checked once the part has been read. */
export const MaterialCode = text({ min: 1, max: 64 }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

const day = (what: string) => calendarDay.optional().describe(`${what}, inclusive: a Beijing calendar day YYYY-MM-DD`);

export const SearchCasesQuery = z.object({
  caseNo: text({ max: 32 }).optional(),
  idNumber: text({ max: 32 }).optional(),
  name: text({ max: 50 }).optional(),
  subtypeCode: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  unitId: text({ max: 32 }).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  pendingLevel: z.enum(APPROVAL_LEVELS).optional().describe('under approval and waiting for this level'),
  acceptedFrom: day('accepted on or after this day'),
  acceptedTo: day('accepted on or before this day'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: text({ max: 200 })
    .regex(/^[A-Za-z0-9_-]*$/, 'an opaque cursor from nextCursor')
    .optional(),
});

const Label = z.object({ zh: z.string(), en: z.string() });
const Level = z.enum(APPROVAL_LEVELS);

export const CaseSummarySchema = z.object({
  id: z.uuid(),
  caseNo: z.string().describe('业务编号: unit prefix - YYMMDD - daily sequence'),
  catalogVersion: z.string(),
  subtype: z.object({ code: z.string(), name: z.string(), nameEn: z.string(), categoryCode: z.string(), categoryName: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(CASE_STATUSES),
  statusLabel: Label,
  pendingLevel: Level.nullable().describe('the level that must act next while under approval'),
  approvalChain: z.array(Level),
  applicant: z.object({ name: z.string(), idNumberMasked: z.string() }),
  acceptedBy: z.string(),
  acceptedAt: z.string(),
  captureDeadline: z.string(),
  submittedAt: z.string().nullable(),
  approvalDeadline: z.string().nullable(),
  decidedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});

export const QualityWarningSchema = z.object({
  code: z.enum(['LOW_RESOLUTION', 'BLURRED', 'TOO_DARK', 'OVEREXPOSED', 'NEARLY_BLANK', 'SKEWED']),
  measured: z.number(),
  limit: z.number(),
});

export const CaseViewSchema = CaseSummarySchema.extend({
  applicantPhone: z.string().nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.number()])).describe('ID numbers in fields are masked'),
  materials: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      required: z.boolean(),
      minPages: z.number().int(),
      verifyOriginal: z.boolean(),
      pagesCaptured: z.number().int(),
      complete: z.boolean(),
    }),
  ),
  images: z.array(
    z.object({
      id: z.uuid(),
      materialCode: z.string(),
      pageNo: z.number().int(),
      sha256: z.string(),
      capturedBy: z.string(),
      capturedAt: z.string(),
      late: z.boolean().describe('captured after the capture limit (超期上传)'),
      sourcePage: z.number().int().describe('the page of the original file (0-based): a PDF or multi-page TIFF gives several pages'),
      supplement: z.object({ reason: z.string() }).nullable().describe('补录: added after submission or after the capture limit, with the reason'),
      qualityWarnings: z.array(QualityWarningSchema).describe('what the quality checks found at capture (docs/CAPTURE.md)'),
      qualityOverride: z
        .object({ reason: z.string(), by: z.string(), at: z.string() })
        .nullable()
        .describe('the warnings were accepted by an officer, with a reason'),
      reuse: z
        .array(
          z.object({
            otherImageId: z.uuid(),
            otherCaseId: z.uuid(),
            otherCaseNo: z.string(),
            otherUnitName: z.string(),
            otherMaterialCode: z.string(),
            otherPageNo: z.number().int(),
            otherCapturedAt: z.string(),
            distance: z.number().int().describe('Hamming distance of the 64-bit perceptual hashes'),
            foundAt: z.string(),
          }),
        )
        .describe("the same document image found in another person's case"),
    }),
  ),
  capture: z.object({
    supplementPages: z.number().int().describe('pages added as 补录'),
    latePages: z.number().int().describe('pages captured after the capture limit'),
    qualityUnresolved: z.number().int().describe('pages with quality warnings nobody has accepted or retaken'),
    reusedPages: z.number().int().describe("pages also found in another person's case"),
  }),
  portrait: z
    .object({ capturedAt: z.string(), capturedBy: z.string() })
    .nullable()
    .describe('whether a portrait was taken at the window; the image itself only through its audited endpoint'),
  allowedActs: z
    .array(z.enum(ACTS_ON_A_CASE))
    .describe('the acts the signed-in user may perform on this case now: each is accepted by its endpoint at this version'),
  canRevealId: z.boolean().describe('whether the signed-in user may reveal a full ID number (POST /api/cases/:id/reveal-id)'),
  openWarnings: z
    .array(CaseWarningSchema)
    .optional()
    .describe('预警 on this case not yet resolved (supervision/), oldest first; given by GET /api/cases/:id and by acts on the case'),
});

export const WorkbenchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('items per group; counts are always exact'),
});

export const WorkbenchItemSchema = CaseSummarySchema.extend({
  deadline: z
    .string()
    .nullable()
    .describe('the deadline the group is about: capture before submission, approval under approval; null for returned cases'),
  overdue: z.boolean(),
  secondsLeft: z.number().int().nullable().describe('seconds until the deadline, negative when overdue'),
});

const WorkbenchGroupSchema = z.object({
  count: z.number().int().describe('every case of the group'),
  items: z.array(WorkbenchItemSchema).describe('the first cases of the group, the nearest deadline first'),
});

export const WorkbenchSchema = z.object({
  asOf: z.string().describe('the server time deadlines were measured against'),
  groups: z.object({
    toCapture: WorkbenchGroupSchema.optional().describe('station: accepted, required material still missing (待采集)'),
    toVerify: WorkbenchGroupSchema.optional().describe('station: accepted, required material complete (待核准)'),
    toSubmit: WorkbenchGroupSchema.optional().describe('station: originals verified (待呈报)'),
    returned: WorkbenchGroupSchema.optional().describe('station: returned for correction, longest waiting first (已退回)'),
    dueSoon: WorkbenchGroupSchema.optional().describe('station: not yet submitted, capture deadline within 24 hours or past (即将到期)'),
    toReview: WorkbenchGroupSchema.optional().describe(
      'deciders: under approval at their level and in their scope, the level not the last of the chain: it reviews (待审核)',
    ),
    toApprove: WorkbenchGroupSchema.optional().describe(
      'deciders: under approval at their level and in their scope, the level the last of the chain: it approves (待审批)',
    ),
    approvalOverdue: WorkbenchGroupSchema.optional().describe('supervisor: under approval past the approval deadline, at any level'),
    captureOverdue: WorkbenchGroupSchema.optional().describe('supervisor: not yet submitted, past the capture deadline'),
  }),
  inboxLevel: Level.nullable().describe('the level whose inbox (toReview, toApprove) this is'),
  overdueByUnit: z
    .array(z.object({ unit: z.object({ id: z.string(), name: z.string() }), approvalOverdue: z.number().int(), captureOverdue: z.number().int() }))
    .nullable()
    .describe('supervisor: overdue counts per unit in scope, units with none left out'),
  captureFindings: z
    .object({
      since: z.string().describe('the first instant of this month in Beijing time'),
      byUnit: z.array(
        z.object({
          unit: z.object({ id: z.string(), name: z.string() }),
          pages: z.number().int().describe('pages captured this month (removed ones left out)'),
          supplementPages: z.number().int().describe('of them added as 补录'),
          latePages: z.number().int().describe('of them captured after the capture limit (超期上传)'),
          qualityOverrides: z.number().int().describe('of them kept despite quality warnings, with a reason'),
          reusedPages: z.number().int().describe("of them found to repeat a page of another person's case"),
        }),
      ),
    })
    .nullable()
    .describe('supervisor: what capture found this month, per unit in scope; units that captured nothing left out'),
});

export const CaseSearchResultSchema = z.object({ items: z.array(CaseSummarySchema), nextCursor: z.string().nullable() });

export const TimelineSchema = z.object({
  events: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      action: z.string(),
      outcome: z.enum(['ok', 'denied', 'refused']),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      actorUnitId: z.string().nullable(),
      reason: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const RevealedIdSchema = z.object({ field: z.string(), idNumber: z.string() });

export type CaseSummaryView = z.infer<typeof CaseSummarySchema>;
export type CaseView = z.infer<typeof CaseViewSchema>;
export type WorkbenchItem = z.infer<typeof WorkbenchItemSchema>;
export type Workbench = z.infer<typeof WorkbenchSchema>;
