import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { acknowledgeWarning } from './commands/acknowledge-warning.ts';
import { resolveWarning } from './commands/resolve-warning.ts';
import { updateSupervisionPolicy } from './commands/update-supervision-policy.ts';
import { getWarning } from './queries/get-warning.ts';
import { listWarningsInScope } from './queries/list-warnings.ts';
import { readSupervisionPolicy } from './queries/read-supervision-policy.ts';
import { SupervisionPolicySchema } from './supervision-policy.ts';
import {
  ListWarningsQuery,
  ResolveWarningBody,
  SupervisionPolicyViewSchema,
  WarningDetailSchema,
  WarningIdParams,
  WarningListSchema,
  WarningViewSchema,
} from './warnings.schema.ts';

/** 网上监管: warnings (预警) and the rules' settings (docs/SUPERVISION.md). */
export async function supervisionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];

  r.get(
    '/api/warnings',
    {
      schema: {
        tags,
        summary: '预警 Warnings in sight, newest first, paged (audited)',
        querystring: ListWarningsQuery,
        response: { 200: WarningListSchema, ...errorResponses },
      },
    },
    async (req) => listWarningsInScope(ctx, await requireActor(ctx, req), req.query),
  );

  r.get(
    '/api/warnings/:id',
    {
      schema: {
        tags,
        summary: '预警详情 A warning and its life so far (audited)',
        params: WarningIdParams,
        response: { 200: WarningDetailSchema, ...errorResponses },
      },
    },
    async (req) => getWarning(ctx, await requireActor(ctx, req), req.params.id),
  );

  r.post(
    '/api/warnings/:id/acknowledge',
    {
      schema: {
        tags,
        summary: '确认 Acknowledge a warning (its unit’s leader, or a supervisor over it)',
        params: WarningIdParams,
        response: { 200: WarningViewSchema, ...errorResponses },
      },
    },
    async (req) => acknowledgeWarning(ctx, await requireActor(ctx, req), req.params.id, requireIdempotencyKey(req)),
  );

  r.post(
    '/api/warnings/:id/resolve',
    {
      schema: {
        tags,
        summary: '处理完毕 Resolve a warning with a note (its unit’s leader, or a supervisor over it)',
        params: WarningIdParams,
        body: ResolveWarningBody,
        response: { 200: WarningViewSchema, ...errorResponses },
      },
    },
    async (req) => resolveWarning(ctx, await requireActor(ctx, req), req.params.id, req.body.note, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/supervision/policy',
    {
      schema: {
        tags,
        summary: '预警规则 The warning rules and their settings in force (audited)',
        response: { 200: SupervisionPolicyViewSchema, ...errorResponses },
      },
    },
    async (req) => readSupervisionPolicy(ctx, await requireActor(ctx, req)),
  );

  r.put(
    '/api/supervision/policy',
    {
      schema: {
        tags,
        summary: '设置预警规则 Set the warning rules’ settings, as a whole (city supervisor)',
        body: SupervisionPolicySchema,
        response: { 200: SupervisionPolicyViewSchema, ...errorResponses },
      },
    },
    async (req) => updateSupervisionPolicy(ctx, await requireActor(ctx, req), req.body, requireIdempotencyKey(req)),
  );
}
