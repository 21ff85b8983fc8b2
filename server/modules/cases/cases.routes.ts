import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import type { z } from 'zod';
import type { Actor } from '../org/actor.ts';
import { AppError, isAppError } from '../../errors.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import {
  AcceptCaseBody,
  CaptureUploadBody,
  CaseIdParams,
  CaseImageParams,
  CaseSearchResultSchema,
  CaseViewSchema,
  CommentBody,
  MaterialCode,
  PageContentResponse,
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
import { showWorkbench } from './queries/workbench.ts';

const tags = ['cases'];

/**
 * A bare Error out of the multipart parser means a body it cannot read (no boundary, no closing
 * boundary, a part cut short); @fastify/multipart's own errors carry an FST_ code that
 * error-handler.ts maps.
 */
function asUploadError(error: unknown): unknown {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return error;
  return new AppError('UPLOAD_MALFORMED', { reason: 'BODY_UNREADABLE' });
}

/** Reads a capture upload: one `materialCode` field and one `file` part; any other part is refused, not ignored. */
async function readCaptureUpload(req: FastifyRequest, maxBytes: number): Promise<{ materialCode: string; bytes: Buffer }> {
  let materialCode: string | undefined;
  let bytes: Buffer | undefined;
  try {
    const limits = { fileSize: maxBytes, files: 1, fields: 2, parts: 3, fieldNameSize: 64, fieldSize: 1024, headerPairs: 20 };
    for await (const part of req.parts({ limits })) {
      if (part.type === 'file' && part.fieldname === 'file' && !bytes) {
        bytes = await part.toBuffer();
      } else if (part.type === 'field' && part.fieldname === 'materialCode' && materialCode === undefined) {
        if (part.valueTruncated || typeof part.value !== 'string') throw new AppError('VALIDATION_FAILED', { field: 'materialCode' });
        materialCode = part.value;
      } else {
        throw new AppError('UPLOAD_MALFORMED', { reason: 'UNEXPECTED_PART' });
      }
    }
  } catch (error) {
    throw asUploadError(error);
  }
  if (!bytes) throw new AppError('UPLOAD_MISSING_FILE');
  const code = MaterialCode.safeParse(materialCode);
  if (!code.success) throw new AppError('VALIDATION_FAILED', { field: 'materialCode' });
  return { materialCode: code.data, bytes };
}

/** The upload route documents its multipart body but reads it itself, while it streams: only params go through zod here. */
function paramsOnlyValidator<S>(route: Parameters<FastifySchemaCompiler<S>>[0]) {
  if (route.httpPart === 'body') return (data: unknown) => ({ value: data });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

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
    '/api/cases/:id/images',
    {
      schema: {
        tags,
        summary: '采集 Capture one page (multipart: materialCode, file)',
        params: CaseIdParams,
        consumes: ['multipart/form-data'],
        body: CaptureUploadBody,
        response: { 201: CaseViewSchema, ...errorResponses },
      },
      validatorCompiler: paramsOnlyValidator,
    },
    async (req, reply) => {
      const actor = await requireActor(ctx, req);
      const key = requireIdempotencyKey(req);
      const upload = await readCaptureUpload(req, ctx.config.maxUploadBytes);
      const view = await captureImage(ctx, actor, req.params.id, upload, key);
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/api/cases/:id/images/:imageId/content',
    {
      schema: {
        tags,
        summary: '调取 Open a captured page (audited)',
        params: CaseImageParams,
        response: { 200: PageContentResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const image = await openCaseImage(ctx, await requireActor(ctx, req), req.params.id, req.params.imageId);
      return reply
        .header('content-type', image.mediaType)
        .header('content-disposition', `inline; filename="${req.params.imageId}${image.mediaType === 'image/png' ? '.png' : '.jpg'}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${image.sha256}"`)
        .send(image.bytes as unknown as string); // the OpenAPI binary string is these bytes
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
