import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor } from '../../http/request-context.ts';
import { AuditTrailSchema } from './present-audit-event.ts';
import { readAuditTrail } from './read-audit-trail.ts';
import { verifyArchiveAsActor } from './verify-archive-as-actor.ts';

/** seq is a 32-bit integer column on PostgreSQL: a larger cursor could only be a client's mistake. */
const MAX_SEQ = 2_147_483_647;

const AuditTrailQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).max(MAX_SEQ).default(0).describe('events after this seq, oldest first'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const ArchiveReportSchema = z.object({
  ok: z.boolean().describe('no problem found'),
  auditEvents: z.number().int(),
  blobs: z.number().int(),
  problems: z.array(
    z.object({
      kind: z.string().describe('e.g. audit_hash, audit_prev_hash, case_action_unaudited, blob_missing, blob_sha256'),
      where: z.string(),
      message: z.string(),
    }),
  ),
});

export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/audit/events',
    {
      schema: {
        tags,
        summary: '审计日志 The audit trail (audit administrator)',
        querystring: AuditTrailQuery,
        response: { 200: AuditTrailSchema, ...errorResponses },
      },
    },
    async (req) => {
      return readAuditTrail(ctx, await requireActor(ctx, req), req.query.afterSeq, req.query.limit);
    },
  );

  r.post(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary: '校验 Verify the trail and every blob (audit administrator)',
        response: { 200: ArchiveReportSchema, ...errorResponses },
      },
    },
    async (req) => {
      return verifyArchiveAsActor(ctx, await requireActor(ctx, req));
    },
  );
}
