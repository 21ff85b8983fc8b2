import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/request-context.ts';

export async function catalogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  r.get('/api/catalog', { schema: { tags, summary: '现行采集目录 The catalog in force' } }, async (req) => {
    await requireActor(ctx, req);
    return ctx.catalogs.current(ctx.now());
  });

  r.get('/api/catalog/versions', { schema: { tags, summary: '目录版本 All catalog versions' } }, async (req) => {
    await requireActor(ctx, req);
    return { versions: ctx.catalogs.versions().map((c) => ({ version: c.version, title: c.title, effectiveFrom: c.effectiveFrom })) };
  });

  r.get('/api/catalog/versions/:version', {
    schema: { tags, summary: '指定版本目录 One catalog version', params: z.object({ version: z.string().max(64) }) },
  }, async (req) => {
    await requireActor(ctx, req);
    return ctx.catalogs.get(req.params.version);
  });
}
