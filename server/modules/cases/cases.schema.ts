import { z } from 'zod';
import { APPROVAL_LEVELS } from '../catalog/catalog.schema.ts';
import { CASE_STATUSES } from './workflow.ts';

export const CaseIdParams = z.object({ id: z.uuid() });
export const CaseImageParams = z.object({ id: z.uuid(), imageId: z.uuid() });

export const AcceptCaseBody = z.object({
  subtypeCode: z.string().regex(/^\d{4}$/).describe('业务小类代码, e.g. 0101 当年出生'),
  applicant: z.object({
    name: z.string().trim().min(1).max(50),
    idNumber: z.string().trim().min(1).max(32).describe('公民身份号码 (GB 11643-1999)'),
    phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).optional(),
  }),
  fields: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});

export const CommentBody = z.object({ comment: z.string().trim().max(500).optional() }).default({});
export const ReasonBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const RevealIdBody = z.object({
  field: z.string().default('applicant').describe('"applicant" or an idNumber field of the sub-type'),
  reason: z.string().trim().min(2).max(200).describe('why the full number is needed; written to the trail'),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SearchCasesQuery = z.object({
  caseNo: z.string().trim().max(32).optional(),
  idNumber: z.string().trim().max(32).optional(),
  name: z.string().trim().max(50).optional(),
  subtypeCode: z.string().regex(/^\d{4}$/).optional(),
  unitId: z.string().max(32).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  acceptedFrom: isoDate.optional().describe('inclusive, YYYY-MM-DD (UTC)'),
  acceptedTo: isoDate.optional().describe('inclusive, YYYY-MM-DD (UTC)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
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

export const CaseViewSchema = CaseSummarySchema.extend({
  applicantPhone: z.string().nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.number()])).describe('ID numbers in fields are masked'),
  materials: z.array(z.object({
    code: z.string(), name: z.string(), nameEn: z.string(), required: z.boolean(), minPages: z.number().int(),
    verifyOriginal: z.boolean(), pagesCaptured: z.number().int(), complete: z.boolean(),
  })),
  images: z.array(z.object({
    id: z.uuid(), materialCode: z.string(), pageNo: z.number().int(), sha256: z.string(), capturedBy: z.string(),
    capturedAt: z.string(), late: z.boolean().describe('captured after the capture limit (超期上传)'),
  })),
});

export const CaseSearchResultSchema = z.object({ items: z.array(CaseSummarySchema), nextCursor: z.string().nullable() });

export const TimelineSchema = z.object({
  events: z.array(z.object({
    seq: z.number().int(), at: z.string(), action: z.string(), outcome: z.enum(['ok', 'denied', 'refused']),
    actorId: z.string().nullable(), actorName: z.string().nullable(), actorUnitId: z.string().nullable(),
    reason: z.string().nullable(), detail: z.record(z.string(), z.unknown()),
  })),
});

export const RevealedIdSchema = z.object({ field: z.string(), idNumber: z.string() });

export type CaseSummaryView = z.infer<typeof CaseSummarySchema>;
export type CaseView = z.infer<typeof CaseViewSchema>;
