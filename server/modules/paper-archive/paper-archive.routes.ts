import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { bindPaperFiles } from './commands/bind-paper-files.ts';
import { movePaperFile } from './commands/move-paper-file.ts';
import {
  BindBody,
  BindResultSchema,
  CaseIdParams,
  CasePaperFileSchema,
  ListPaperFilesQuery,
  MoveBody,
  OverdueReportQuery,
  OverdueReportSchema,
  PaperFileListSchema,
  PaperFileViewSchema,
} from './paper-archive.schema.ts';
import { readCasePaperFile } from './queries/case-paper-file.ts';
import { listPaperFilesInScope } from './queries/list-paper-files.ts';
import { readOverdueReport } from './queries/overdue-report.ts';

/** 纸质档案 (双轨制): where each decided case's paper original is filed, binding, the overdue report (docs/PAPER-ARCHIVE.md). */
export async function paperArchiveRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['paper-archive'];

  r.get(
    '/api/paper-archive/files',
    {
      schema: {
        tags,
        summary: '纸质档案 Decided cases and their paper files in sight: awaiting binding, bound, overdue (audited)',
        querystring: ListPaperFilesQuery,
        response: { 200: PaperFileListSchema, ...errorResponses },
      },
    },
    async (req) => listPaperFilesInScope(ctx, await requireActor(ctx, req), req.query),
  );

  r.post(
    '/api/paper-archive/bind',
    {
      schema: {
        tags,
        summary: '装订 Bind decided cases’ paper files into one volume, numbered in order (the station’s officers)',
        body: BindBody,
        response: { 200: BindResultSchema, ...errorResponses },
      },
    },
    async (req) => bindPaperFiles(ctx, await requireActor(ctx, req), req.body, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/paper-archive/cases/:caseId',
    {
      schema: {
        tags,
        summary: '纸质原件位置 Where a case’s paper original is, and its filing history (audited)',
        params: CaseIdParams,
        response: { 200: CasePaperFileSchema, ...errorResponses },
      },
    },
    async (req) => readCasePaperFile(ctx, await requireActor(ctx, req), req.params.caseId),
  );

  r.post(
    '/api/paper-archive/cases/:caseId/move',
    {
      schema: {
        tags,
        summary: '移卷 Move a bound paper file to another place, with the reason (the station’s officers)',
        params: CaseIdParams,
        body: MoveBody,
        response: { 200: PaperFileViewSchema, ...errorResponses },
      },
    },
    async (req) => movePaperFile(ctx, await requireActor(ctx, req), req.params.caseId, req.body, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/paper-archive/overdue',
    {
      schema: {
        tags,
        summary: '逾期未装订 Files not bound by their deadline, counted per unit (station leaders, branch, city, supervisors; audited)',
        querystring: OverdueReportQuery,
        response: { 200: OverdueReportSchema, ...errorResponses },
      },
    },
    async (req) => readOverdueReport(ctx, await requireActor(ctx, req), req.query.unitId),
  );
}
