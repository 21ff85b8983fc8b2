import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { CaseIdParams, CaseViewSchema } from '../cases/cases.schema.ts';
import {
  CaptureUploadBody,
  CaptureUploadFields,
  CaseImageParams,
  PageImageQuery,
  PageImageResponse,
  PageOrderBody,
  PortraitUploadBody,
  ReasonBody,
  ReusedPageParams,
} from './capture.schema.ts';
import { arrangePages } from './commands/arrange-pages.ts';
import { capturePages } from './commands/capture-pages.ts';
import { capturePortrait } from './commands/capture-portrait.ts';
import { overrideQuality } from './commands/override-quality.ts';
import type { ServedImage } from './page-image.ts';
import { openCasePage } from './queries/open-page.ts';
import { openPortrait } from './queries/open-portrait.ts';
import { openReusedPage } from './queries/open-reused-page.ts';
import { paramsOnlyValidator, readUpload } from '../../http/read-upload.ts';

const tags = ['capture'];

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif', 'application/pdf': 'pdf' };

/**
 * Captured files are served as what their content is, never sniffed into anything else and never
 * able to run: a PDF or TIFF original is a download, not shown in the page.
 */
function sendImage(reply: FastifyReply, name: string, image: ServedImage, cache: 'private, no-store' | 'private, max-age=3600') {
  const disposition = image.inline ? 'inline' : 'attachment';
  return reply
    .header('content-type', image.mediaType)
    .header('content-disposition', `${disposition}; filename="${name}.${EXTENSIONS[image.mediaType] ?? 'bin'}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cache)
    .header('etag', `"${image.tag}"`)
    .send(image.bytes); // the OpenAPI binary string is these bytes
}

export async function captureRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/cases/:id/images',
    {
      schema: {
        tags,
        summary: '采集 / 补录 Capture a file: one page or every page of a TIFF or PDF (multipart)',
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
      const { bytes, fields } = await readUpload(req, ctx.config.maxUploadBytes, CaptureUploadFields);
      const view = await capturePages(ctx, actor, req.params.id, { ...fields, bytes }, key);
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/api/cases/:id/images/:imageId/content',
    {
      schema: {
        tags,
        summary: '调取 Open a captured page: original, preview or thumbnail (audited)',
        params: CaseImageParams,
        querystring: PageImageQuery,
        response: { 200: PageImageResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { kind } = req.query;
      const image = await openCasePage(ctx, await requireActor(ctx, req), req.params.id, req.params.imageId, kind);
      // Derivatives never change for a page; originals are personal data held no longer than needed.
      return sendImage(
        reply,
        `${req.params.imageId}${kind === 'original' ? '' : `.${kind}`}`,
        image,
        kind === 'original' ? 'private, no-store' : 'private, max-age=3600',
      );
    },
  );

  r.get(
    '/api/cases/:id/images/:imageId/reuse/:otherImageId',
    {
      schema: {
        tags,
        summary: '比对 The page of another case found to be the same document image (preview, audited)',
        params: ReusedPageParams,
        response: { 200: PageImageResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { id, imageId, otherImageId } = req.params;
      const image = await openReusedPage(ctx, await requireActor(ctx, req), id, imageId, otherImageId);
      return sendImage(reply, `${otherImageId}.preview`, image, 'private, no-store');
    },
  );

  r.post(
    '/api/cases/:id/page-order',
    {
      schema: {
        tags,
        summary: '整理 Put a material’s pages in a new order',
        params: CaseIdParams,
        body: PageOrderBody,
        response: { 200: CaseViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = await requireActor(ctx, req);
      return arrangePages(ctx, actor, req.params.id, { kind: 'reorder', ...req.body }, requireIdempotencyKey(req));
    },
  );

  r.post(
    '/api/cases/:id/images/:imageId/remove',
    {
      schema: {
        tags,
        summary: '移除 Take a page out before submission (kept, marked removed)',
        params: CaseImageParams,
        body: ReasonBody,
        response: { 200: CaseViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = await requireActor(ctx, req);
      return arrangePages(
        ctx,
        actor,
        req.params.id,
        { kind: 'remove', imageId: req.params.imageId, reason: req.body.reason },
        requireIdempotencyKey(req),
      );
    },
  );

  r.post(
    '/api/cases/:id/images/:imageId/quality-override',
    {
      schema: {
        tags,
        summary: '确认使用 Keep a page despite its quality warnings, with a reason',
        params: CaseImageParams,
        body: ReasonBody,
        response: { 200: CaseViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = await requireActor(ctx, req);
      return overrideQuality(ctx, actor, req.params.id, { imageId: req.params.imageId, reason: req.body.reason }, requireIdempotencyKey(req));
    },
  );

  r.post(
    '/api/cases/:id/portrait',
    {
      schema: {
        tags,
        summary: '现场照片 Take the applicant’s portrait (multipart: file)',
        params: CaseIdParams,
        consumes: ['multipart/form-data'],
        body: PortraitUploadBody,
        response: { 201: CaseViewSchema, ...errorResponses },
      },
      validatorCompiler: paramsOnlyValidator,
    },
    async (req, reply) => {
      const actor = await requireActor(ctx, req);
      const key = requireIdempotencyKey(req);
      const { bytes } = await readUpload(req, ctx.config.maxUploadBytes, {});
      return reply.status(201).send(await capturePortrait(ctx, actor, req.params.id, bytes, key));
    },
  );

  r.get(
    '/api/cases/:id/portrait',
    {
      schema: {
        tags,
        summary: '查看现场照片 The applicant’s portrait (audited)',
        params: CaseIdParams,
        response: { 200: PageImageResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const image = await openPortrait(ctx, await requireActor(ctx, req), req.params.id);
      return sendImage(reply, `${req.params.id}.portrait`, image, 'private, no-store');
    },
  );
}
