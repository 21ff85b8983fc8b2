import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor } from '../../http/request-context.ts';
import { text } from '../../http/text.ts';
import { CatalogSchema } from './catalog.schema.ts';

const VersionParams = z.object({
  version: text({ min: 1, max: 64 })
    .regex(/^[a-z0-9.-]+$/)
    .describe('e.g. ezhou-2026.1'),
});

const CatalogVersionsSchema = z.object({
  versions: z.array(z.object({ version: z.string(), title: z.string(), effectiveFrom: z.string().describe('YYYY-MM-DD') })),
});

export async function catalogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  r.get(
    '/api/catalog',
    { schema: { tags, summary: '现行采集目录 The catalog in force', response: { 200: CatalogSchema, ...errorResponses } } },
    async (req) => {
      await requireActor(ctx, req);
      return ctx.catalogs.current(ctx.now());
    },
  );

  r.get(
    '/api/catalog/versions',
    { schema: { tags, summary: '目录版本 All catalog versions', response: { 200: CatalogVersionsSchema, ...errorResponses } } },
    async (req) => {
      await requireActor(ctx, req);
      return { versions: ctx.catalogs.versions().map((c) => ({ version: c.version, title: c.title, effectiveFrom: c.effectiveFrom })) };
    },
  );

  r.get(
    '/api/catalog/versions/:version',
    {
      schema: { tags, summary: '指定版本目录 One catalog version', params: VersionParams, response: { 200: CatalogSchema, ...errorResponses } },
    },
    async (req) => {
      await requireActor(ctx, req);
      return ctx.catalogs.get(req.params.version);
    },
  );
}
