import { z } from 'zod';
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
