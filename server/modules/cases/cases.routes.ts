import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import {
  AcceptCaseBody, CaseIdParams, CaseImageParams, CaseSearchResultSchema, CaseViewSchema, CommentBody, ReasonBody, RevealedIdSchema,
  RevealIdBody, SearchCasesQuery, TimelineSchema, type CaseView,
} from './cases.schema.ts';
import { acceptCase } from './commands/accept-case.ts';
import { approveCase } from './commands/approve-case.ts';
import { captureImage } from './commands/capture-image.ts';
import { completeCase } from './commands/complete-case.ts';
import { returnCase } from './commands/return-case.ts';
import { reviewCase } from './commands/review-case.ts';
import { submitCase } from './commands/submit-case.ts';
import { verifyOriginals } from './commands/verify-originals.ts';
import { withdrawCase } from './commands/withdraw-case.ts';
import { caseTimeline } from './queries/case-timeline.ts';
import { getCase } from './queries/get-case.ts';
import { openCaseImage } from './queries/open-image.ts';
import { revealIdNumber } from './queries/reveal-id-number.ts';
import { searchCasesInScope } from './queries/search-cases.ts';

const tags = ['cases'];
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function caseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/cases', { schema: { tags, summary: '受理 Accept a case', body: AcceptCaseBody, response: { 201: CaseViewSchema, ...errorResponses } } }, async (req, reply) => {
    const actor = await requireActor(ctx, req);
    const view = await acceptCase(ctx, actor, req.body, requireIdempotencyKey(req));
    return reply.status(201).send(view);
  });

  r.get('/api/cases', { schema: { tags, summary: '检索 Search cases in scope', querystring: SearchCasesQuery, response: { 200: CaseSearchResultSchema, ...errorResponses } } }, async (req) => {
    const actor = await requireActor(ctx, req);
    const { acceptedTo, ...rest } = req.query;
    return searchCasesInScope(ctx, actor, { ...rest, acceptedTo: acceptedTo ? nextDay(acceptedTo) : undefined });
  });

  r.get('/api/cases/:id', { schema: { tags, summary: '查看 View a case (audited)', params: CaseIdParams, response: { 200: CaseViewSchema, ...errorResponses } } }, async (req) => {
    return getCase(ctx, await requireActor(ctx, req), req.params.id);
  });

  r.get('/api/cases/:id/timeline', { schema: { tags, summary: '轨迹 Case timeline (audited)', params: CaseIdParams, response: { 200: TimelineSchema, ...errorResponses } } }, async (req) => {
    return { events: await caseTimeline(ctx, await requireActor(ctx, req), req.params.id) };
  });

  r.post('/api/cases/:id/images', {
    schema: { tags, summary: '采集 Capture one page (multipart: materialCode, file)', params: CaseIdParams, consumes: ['multipart/form-data'], response: { 201: CaseViewSchema, ...errorResponses } },
  }, async (req, reply) => {
    const actor = await requireActor(ctx, req);
    const key = requireIdempotencyKey(req);
    let materialCode: string | undefined;
    let bytes: Buffer | undefined;
    for await (const part of req.parts({ limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 4 } })) {
      if (part.type === 'file') {
        bytes = await part.toBuffer();
      } else if (part.fieldname === 'materialCode' && typeof part.value === 'string') {
        materialCode = part.value;
      }
    }
    if (!bytes) throw new AppError('UPLOAD_MISSING_FILE');
    if (!materialCode) throw new AppError('VALIDATION_FAILED', { field: 'materialCode' });
    const view = await captureImage(ctx, actor, req.params.id, { materialCode, bytes }, key);
    return reply.status(201).send(view);
  });

  r.get('/api/cases/:id/images/:imageId/content', {
    schema: { tags, summary: '调取 Open a captured page (audited)', params: CaseImageParams },
  }, async (req, reply) => {
    const image = await openCaseImage(ctx, await requireActor(ctx, req), req.params.id, req.params.imageId);
    return reply
      .header('content-type', image.mediaType)
      .header('content-disposition', `inline; filename="${req.params.imageId}${image.mediaType === 'image/png' ? '.png' : '.jpg'}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .header('etag', `"${image.sha256}"`)
      .send(image.bytes);
  });

  r.post('/api/cases/:id/reveal-id', { schema: { tags, summary: '显示完整身份号码 Reveal a full ID number (audited)', params: CaseIdParams, body: RevealIdBody, response: { 200: RevealedIdSchema, ...errorResponses } } }, async (req) => {
    return revealIdNumber(ctx, await requireActor(ctx, req), req.params.id, req.body.field, req.body.reason);
  });

  const acts = [
    ['verify', '核准 Verify originals', CommentBody, verifyOriginals],
    ['submit', '呈报 Submit for approval', CommentBody, submitCase],
    ['review', '审核 Review and pass up', CommentBody, reviewCase],
    ['approve', '审批 Approve', CommentBody, approveCase],
    ['return', '退回 Return to the station', ReasonBody, returnCase],
    ['complete', '办结 Complete', CommentBody, completeCase],
    ['withdraw', '撤回 Withdraw', ReasonBody, withdrawCase],
  ] as const;
  for (const [act, summary, body, run] of acts) {
    r.post(`/api/cases/:id/${act}`, { schema: { tags, summary, params: CaseIdParams, body, response: { 200: CaseViewSchema, ...errorResponses } } }, async (req) => {
      const actor = await requireActor(ctx, req);
      return (run as (c: AppContext, a: typeof actor, id: string, b: unknown, k: string) => Promise<CaseView>)(
        ctx, actor, req.params.id, req.body, requireIdempotencyKey(req));
    });
  }
}
