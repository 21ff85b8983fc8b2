import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/request-context.ts';
import { readAuditTrail } from './read-audit-trail.ts';
import { verifyArchiveAsActor } from './verify-archive-as-actor.ts';

export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/api/audit/events', {
    schema: {
      tags, summary: '审计日志 The audit trail (audit administrator)',
      querystring: z.object({ afterSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    },
  }, async (req) => readAuditTrail(ctx, await requireActor(ctx, req), req.query.afterSeq, req.query.limit));

  r.post('/api/audit/verify', { schema: { tags, summary: '校验 Verify the trail and every blob (audit administrator)' } }, async (req) => {
    return verifyArchiveAsActor(ctx, await requireActor(ctx, req));
  });
}
