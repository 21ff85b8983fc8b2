import { z } from 'zod';
import { ERROR_CATALOG, type ErrorCode } from '../errors.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CATALOG) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().describe('zh-CN, or en when Accept-Language starts with en'),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .describe('See docs/ERRORS.md');

/** The error answers every route may give, for the OpenAPI document. */
export const errorResponses = Object.fromEntries(
  [...new Set(Object.values(ERROR_CATALOG).map((e) => e.status))].map((status) => [status, ErrorSchema]),
) as Record<number, typeof ErrorSchema>;
