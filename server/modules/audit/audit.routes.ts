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
import { checkpointOnDemand, consistencyProof, inclusionProof, listTrailCheckpoints } from './checkpoints/trail-checkpoint-acts.ts';

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
  checkpoints: z
    .object({
      witnessed: z.number().int().describe('witness files whose signature verified'),
      latestTreeSize: z.number().int().nullable(),
      eventsAfterLatest: z.number().int().describe('events written since the latest witnessed checkpoint'),
    })
    .nullable(),
  problems: z.array(
    z.object({
      kind: z
        .string()
        .describe(
          'e.g. audit_hash, audit_prev_hash, audit_link, checkpoint_root, checkpoint_truncated, case_action_unaudited, blob_missing, blob_sha256, blob_orphaned',
        ),
      where: z.string(),
      message: z.string(),
    }),
  ),
});

const Hex = z.string().describe('hex');
const CheckpointSchema = z.object({
  treeSize: z.number().int(),
  rootHash: Hex.describe('SM3 Merkle root (RFC 6962 shape) of the chain hashes of events 1..treeSize'),
  signedAt: z.string(),
  trigger: z.enum(['schedule', 'demand', 'shutdown']),
  signature: z.string().describe("base64 DER SM2 signature of the city bureau's key over the RFC 6962 tree head"),
  certificateId: z.string(),
});
const TreeSize = z.coerce.number().int().min(1).max(MAX_SEQ);

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

  r.get(
    '/api/audit/checkpoints',
    {
      schema: {
        tags,
        summary: '检查点 Signed checkpoints of the trail (audit administrator)',
        response: { 200: z.object({ checkpoints: z.array(CheckpointSchema), intervalMinutes: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => listTrailCheckpoints(ctx, await requireActor(ctx, req)),
  );

  r.post(
    '/api/audit/checkpoints',
    {
      schema: {
        tags,
        summary: '生成检查点 Sign a checkpoint of the trail now (audit administrator)',
        response: { 200: CheckpointSchema, ...errorResponses },
      },
    },
    async (req) => checkpointOnDemand(ctx, await requireActor(ctx, req)),
  );

  r.get(
    '/api/audit/events/:seq/proof',
    {
      schema: {
        tags,
        summary: '包含证明 Inclusion proof of an event in a signed checkpoint (audit administrator)',
        params: z.object({ seq: TreeSize }),
        querystring: z.object({ treeSize: TreeSize.optional().describe('a checkpointed size; the latest by default') }),
        response: {
          200: z.object({
            seq: z.number().int(),
            leafIndex: z.number().int(),
            eventHash: Hex.describe("the event's chain hash"),
            leafHash: Hex,
            proof: z.array(Hex),
            checkpoint: CheckpointSchema,
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => inclusionProof(ctx, await requireActor(ctx, req), req.params.seq, req.query.treeSize),
  );

  r.get(
    '/api/audit/consistency',
    {
      schema: {
        tags,
        summary: '一致性证明 Consistency proof between two signed checkpoints (audit administrator)',
        querystring: z.object({ first: TreeSize, second: TreeSize }),
        response: { 200: z.object({ first: CheckpointSchema, second: CheckpointSchema, proof: z.array(Hex) }), ...errorResponses },
      },
    },
    async (req) => consistencyProof(ctx, await requireActor(ctx, req), req.query.first, req.query.second),
  );
}
