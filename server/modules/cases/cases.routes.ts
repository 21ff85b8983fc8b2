import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import type { z } from 'zod';
import type { Actor } from '../org/actor.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import {
  AcceptCaseBody,
  CaseIdParams,
  CaseSearchResultSchema,
  CaseViewSchema,
  CommentBody,
  ReasonBody,
  RevealedIdSchema,
  RevealIdBody,
  SearchCasesQuery,
  TimelineSchema,
  WorkbenchQuery,
  WorkbenchSchema,
  type CaseView,
} from './cases.schema.ts';
import { acceptCase } from './commands/accept-case.ts';
import { approveCase } from './commands/approve-case.ts';
import { completeCase } from './commands/complete-case.ts';
import { returnCase } from './commands/return-case.ts';
import { reviewCase } from './commands/review-case.ts';
import { submitCase } from './commands/submit-case.ts';
import { verifyOriginals } from './commands/verify-originals.ts';
import { withdrawCase } from './commands/withdraw-case.ts';
import { caseTimeline } from './queries/case-timeline.ts';
import { getCase } from './queries/get-case.ts';
import { revealIdNumber } from './queries/reveal-id-number.ts';
import { searchCasesInScope } from './queries/search-cases.ts';
import { showWorkbench } from './queries/workbench.ts';

const tags = ['cases'];

export async function caseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/cases',
    { schema: { tags, summary: '受理 Accept a case', body: AcceptCaseBody, response: { 201: CaseViewSchema, ...errorResponses } } },
    async (req, reply) => {
      const actor = await requireActor(ctx, req);
      const view = await acceptCase(ctx, actor, req.body, requireIdempotencyKey(req));
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '检索 Search cases in scope',
        querystring: SearchCasesQuery,
        response: { 200: CaseSearchResultSchema, ...errorResponses },
      },
    },
    async (req) => {
      return searchCasesInScope(ctx, await requireActor(ctx, req), req.query);
    },
  );

  r.get(
    '/api/workbench',
    {
      schema: {
        tags,
        summary: '工作台 What the signed-in user has to do, by role (audited)',
        querystring: WorkbenchQuery,
        response: { 200: WorkbenchSchema, ...errorResponses },
      },
    },
    async (req) => {
      return showWorkbench(ctx, await requireActor(ctx, req), req.query);
    },
  );

  r.get(
    '/api/cases/:id',
    { schema: { tags, summary: '查看 View a case (audited)', params: CaseIdParams, response: { 200: CaseViewSchema, ...errorResponses } } },
    async (req) => {
      return getCase(ctx, await requireActor(ctx, req), req.params.id);
    },
  );

  r.get(
    '/api/cases/:id/timeline',
    { schema: { tags, summary: '轨迹 Case timeline (audited)', params: CaseIdParams, response: { 200: TimelineSchema, ...errorResponses } } },
    async (req) => {
      return { events: await caseTimeline(ctx, await requireActor(ctx, req), req.params.id) };
    },
  );

  r.post(
    '/api/cases/:id/reveal-id',
    {
      schema: {
        tags,
        summary: '显示完整身份号码 Reveal a full ID number (audited)',
        params: CaseIdParams,
        body: RevealIdBody,
        response: { 200: RevealedIdSchema, ...errorResponses },
      },
    },
    async (req) => {
      return revealIdNumber(ctx, await requireActor(ctx, req), req.params.id, req.body.field, req.body.reason);
    },
  );

  type CaseActCommand<B> = (c: AppContext, actor: Actor, caseId: string, body: B, idempotencyKey: string) => Promise<CaseView>;
  const withComment = (act: string, summary: string, run: CaseActCommand<z.output<typeof CommentBody>>) => {
    r.post(
      `/api/cases/:id/${act}`,
      { schema: { tags, summary, params: CaseIdParams, body: CommentBody, response: { 200: CaseViewSchema, ...errorResponses } } },
      async (req) => run(ctx, await requireActor(ctx, req), req.params.id, req.body, requireIdempotencyKey(req)),
    );
  };
  const withReason = (act: string, summary: string, run: CaseActCommand<z.output<typeof ReasonBody>>) => {
    r.post(
      `/api/cases/:id/${act}`,
      { schema: { tags, summary, params: CaseIdParams, body: ReasonBody, response: { 200: CaseViewSchema, ...errorResponses } } },
      async (req) => run(ctx, await requireActor(ctx, req), req.params.id, req.body, requireIdempotencyKey(req)),
    );
  };
  withComment('verify', '核准 Verify originals', verifyOriginals);
  withComment('submit', '呈报 Submit for approval', submitCase);
  withComment('review', '审核 Review and pass up', reviewCase);
  withComment('approve', '审批 Approve', approveCase);
  withReason('return', '退回 Return to the station', returnCase);
  withComment('complete', '办结 Complete', completeCase);
  withReason('withdraw', '撤回 Withdraw', withdrawCase);
}
