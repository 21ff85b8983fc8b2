import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor } from '../../http/request-context.ts';
import { CaseIdParams } from '../cases/cases.schema.ts';
import { paramsOnlyValidator, readUpload } from '../../http/read-upload.ts';
import {
  MAX_NOTICE_FILE_BYTES,
  NoticeFileUploadBody,
  NoticeInfoSchema,
  NoticePdfResponse,
  PublicNoticeCheckSchema,
  PublicNoticeFileCheckSchema,
  VerificationCodeParams,
} from './notices.schema.ts';
import { checkNoticeFilePublicly } from './queries/check-notice-file-publicly.ts';
import { checkNoticePublicly } from './queries/check-notice-publicly.ts';
import { openNotice } from './queries/open-notice.ts';
import { openNoticeOfd } from './queries/open-notice-ofd.ts';
import { NoticeOfdResponse } from './ofd-info.schema.ts';
import { readNoticeInfo } from './queries/read-notice-info.ts';

function sendFile(reply: FastifyReply, bytes: Buffer, caseNo: string, kind: 'pdf' | 'ofd' = 'pdf') {
  return reply
    .header('content-type', `application/${kind}`)
    .header('content-disposition', `attachment; filename="${caseNo}.${kind}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes); // the OpenAPI binary string is these bytes
}

/** The approval notice (电子通知单) of an approved case: its signed PDF, and what it is with its signatures checked. */
export async function noticeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];

  r.get(
    '/api/cases/:id/notice',
    {
      schema: {
        tags,
        summary: '电子通知单 The approval notice, signed PDF (audited)',
        params: CaseIdParams,
        response: { 200: NoticePdfResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { bytes, caseNo } = await openNotice(ctx, await requireActor(ctx, req), req.params.id);
      return sendFile(reply, bytes, caseNo);
    },
  );

  r.get(
    '/api/cases/:id/notice.ofd',
    {
      schema: {
        tags,
        summary: '电子通知单 OFD The approval notice as OFD (GB/T 33190), sealed (GB/T 38540) (audited)',
        params: CaseIdParams,
        response: { 200: NoticeOfdResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { bytes, caseNo } = await openNoticeOfd(ctx, await requireActor(ctx, req), req.params.id);
      return sendFile(reply, bytes, caseNo, 'ofd');
    },
  );

  r.get(
    '/api/cases/:id/notice/info',
    {
      schema: {
        tags,
        summary: '通知单信息 The approval notice: code, hashes, signers, GB/T 38540 signature checked now (audited)',
        params: CaseIdParams,
        response: { 200: NoticeInfoSchema, ...errorResponses },
      },
    },
    async (req) => readNoticeInfo(ctx, await requireActor(ctx, req), req.params.id),
  );

  r.get(
    '/api/public/notices/:code',
    {
      schema: {
        tags,
        summary: '核验通知单 Check a notice by its verification code (public, no sign-in)',
        params: VerificationCodeParams,
        response: { 200: PublicNoticeCheckSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await checkNoticePublicly(ctx, req.params.code)),
  );

  r.post(
    '/api/public/notices/file',
    {
      schema: {
        tags,
        summary: '核验通知单文件 Check a notice file (PDF or OFD) against the archive (public, no sign-in; multipart: file)',
        consumes: ['multipart/form-data'],
        body: NoticeFileUploadBody,
        response: { 200: PublicNoticeFileCheckSchema, ...errorResponses },
      },
      validatorCompiler: paramsOnlyValidator,
    },
    async (req, reply) => {
      const { bytes } = await readUpload(req, MAX_NOTICE_FILE_BYTES, {});
      return reply.header('cache-control', 'no-store').send(await checkNoticeFilePublicly(ctx, bytes));
    },
  );
}
