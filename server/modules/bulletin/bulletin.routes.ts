import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor } from '../../http/request-context.ts';
import { BulletinMonthParams, BulletinPdfResponse, BulletinSchema, BulletinXlsxResponse } from './bulletin.schema.ts';
import { type BulletinFormat, exportBulletin } from './queries/export-bulletin.ts';
import { readBulletin } from './queries/read-bulletin.ts';

const MEDIA_TYPES: Record<BulletinFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function sendFile(reply: FastifyReply, file: { bytes: Buffer; filename: string }, format: BulletinFormat, month: string) {
  // An ASCII name for old clients, the Chinese one (RFC 6266 / 5987) for the rest.
  const chinese = encodeURIComponent(`户政业务电子档案月度通报-${month}.${format}`);
  return reply
    .header('content-type', MEDIA_TYPES[format])
    .header('content-disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${chinese}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

/** 月度通报: the monthly bulletin of the units in the reader's scope, as JSON, PDF or Excel (docs/BULLETIN.md). */
export async function bulletinRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];

  r.get(
    '/api/bulletins/:month',
    {
      schema: {
        tags,
        summary: '月度通报 A month’s figures and assessment scores per unit in scope (audited)',
        params: BulletinMonthParams,
        response: { 200: BulletinSchema, ...errorResponses },
      },
    },
    async (req) => readBulletin(ctx, await requireActor(ctx, req), req.params.month),
  );

  for (const [format, response] of [
    ['pdf', BulletinPdfResponse],
    ['xlsx', BulletinXlsxResponse],
  ] as const) {
    r.get(
      `/api/bulletins/:month/${format}`,
      {
        schema: {
          tags,
          summary: `月度通报 ${format.toUpperCase()} The month’s bulletin as ${format === 'pdf' ? 'a PDF to print' : 'an Excel workbook'} (audited)`,
          params: BulletinMonthParams,
          response: { 200: response, ...errorResponses },
        },
      },
      async (req, reply) => {
        const file = await exportBulletin(ctx, await requireActor(ctx, req), req.params.month, format);
        return sendFile(reply, file, format, req.params.month);
      },
    );
  }
}
