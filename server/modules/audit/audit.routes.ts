import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor } from '../../http/request-context.ts';
import { text } from '../../http/text.ts';
import { AuditTrailSchema } from './present-audit-event.ts';
import { readAuditTrail } from './read-audit-trail.ts';
import { verifyArchiveAsActor } from './verify-archive-as-actor.ts';

/** seq is a 32-bit integer column on PostgreSQL: a larger cursor could only be a client's mistake. */
const MAX_SEQ = 2_147_483_647;

/** An instant as a client may write it; stored times are compared as the canonical ISO text they are kept in. */
const Instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .optional();

const AuditTrailQuery = z.object({
  order: z.enum(['asc', 'desc']).default('asc').describe('asc: oldest first after afterSeq; desc: newest first before beforeSeq'),
  afterSeq: z.coerce.number().int().min(0).max(MAX_SEQ).default(0).describe('order=asc: events after this seq'),
  beforeSeq: z.coerce.number().int().min(1).max(MAX_SEQ).optional().describe('order=desc: events before this seq (none: from the newest)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  action: z
    .string()
    .regex(/^([a-z]+\.[a-z_]+|[a-z]+\.)$/, 'an action such as case.accept, or a family such as admin.')
    .optional()
    .describe('an action (server/modules/audit/audit-actions.ts) or a family of them ending in a dot, e.g. admin.'),
  outcome: z.enum(['ok', 'denied', 'refused']).optional(),
  actor: text({ min: 1, max: 64 })
    .transform((value) => value.toLowerCase())
    .optional()
    .describe('user name of whoever acted'),
  objectType: text({ min: 1, max: 64 }).optional(),
  objectId: text({ min: 1, max: 128 }).optional(),
  caseId: z.uuid().optional(),
  from: Instant.describe('at or after this instant (ISO-8601 with offset)'),
  to: Instant.describe('at or before this instant (ISO-8601 with offset)'),
});

const ArchiveReportSchema = z.object({
  ok: z.boolean().describe('no problem found'),
  auditEvents: z.number().int(),
  blobs: z.number().int(),
  orphansInGrace: z.number().int().describe('stored originals no row points to yet, younger than the grace period: captures in flight'),
  problems: z.array(
    z.object({
      kind: z.string().describe('e.g. audit_hash, audit_prev_hash, case_action_unaudited, blob_missing, blob_sha256, blob_orphaned'),
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
      const { order, afterSeq, beforeSeq, limit, ...filter } = req.query;
      const page = order === 'asc' ? { order, afterSeq, limit } : { order, beforeSeq: beforeSeq ?? null, limit };
      return readAuditTrail(ctx, await requireActor(ctx, req), filter, page);
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
