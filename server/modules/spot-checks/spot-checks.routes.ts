import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { answerPaperVerification } from './commands/answer-paper-verification.ts';
import { completeRound } from './commands/complete-round.ts';
import { proposeRound } from './commands/propose-round.ts';
import { recordSpotFinding } from './commands/record-finding.ts';
import { getSpotRound } from './queries/get-round.ts';
import { listPaperVerifications } from './queries/list-paper-verifications.ts';
import { listSpotRounds } from './queries/list-rounds.ts';
import { readQuotaStatus } from './queries/quota-status.ts';
import {
  AnswerVerificationBody,
  CompleteRoundBody,
  FindingBody,
  ListRoundsQuery,
  ListVerificationsQuery,
  PaperVerificationListSchema,
  PaperVerificationViewSchema,
  ProposeRoundBody,
  QuotaViewSchema,
  RoundCaseParams,
  RoundDetailSchema,
  RoundIdParams,
  RoundItemSchema,
  RoundListSchema,
  RoundViewSchema,
  VerificationIdParams,
} from './spot-checks.schema.ts';

/** 抽查 and 调阅纸质材料核实 (docs/SPOT-CHECKS.md). */
export async function spotCheckRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['spot-checks'];

  r.get(
    '/api/spot-checks/rounds',
    {
      schema: {
        tags,
        summary: '抽查 Spot check rounds in sight, newest first (audited)',
        querystring: ListRoundsQuery,
        response: { 200: RoundListSchema, ...errorResponses },
      },
    },
    async (req) => listSpotRounds(ctx, await requireActor(ctx, req), req.query),
  );

  r.post(
    '/api/spot-checks/rounds',
    {
      schema: {
        tags,
        summary: '发起抽查 Draw a risk-weighted sample of decided cases and open a round (branch or city checker)',
        body: ProposeRoundBody,
        response: { 200: RoundViewSchema, ...errorResponses },
      },
    },
    async (req) => proposeRound(ctx, await requireActor(ctx, req), req.body, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/spot-checks/rounds/:id',
    {
      schema: {
        tags,
        summary: '抽查详情 A round, its sampled cases, findings and paper verifications (audited)',
        params: RoundIdParams,
        response: { 200: RoundDetailSchema, ...errorResponses },
      },
    },
    async (req) => getSpotRound(ctx, await requireActor(ctx, req), req.params.id),
  );

  r.post(
    '/api/spot-checks/rounds/:id/cases/:caseId/finding',
    {
      schema: {
        tags,
        summary: '记录抽查结果 Record the finding on a sampled case; doubtful materials may ask for paper verification',
        params: RoundCaseParams,
        body: FindingBody,
        response: { 200: RoundItemSchema, ...errorResponses },
      },
    },
    async (req) =>
      recordSpotFinding(
        ctx,
        await requireActor(ctx, req),
        { roundId: req.params.id, caseId: req.params.caseId },
        req.body,
        requireIdempotencyKey(req),
      ),
  );

  r.post(
    '/api/spot-checks/rounds/:id/complete',
    {
      schema: {
        tags,
        summary: '完成抽查 Complete a round once every sampled case has its finding',
        params: RoundIdParams,
        body: CompleteRoundBody,
        response: { 200: RoundViewSchema, ...errorResponses },
      },
    },
    async (req) => completeRound(ctx, await requireActor(ctx, req), req.params.id, req.body.summary, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/spot-checks/quota',
    {
      schema: {
        tags,
        summary: '抽查完成情况 Which checking units are behind their quota (audited)',
        response: { 200: QuotaViewSchema, ...errorResponses },
      },
    },
    async (req) => readQuotaStatus(ctx, await requireActor(ctx, req)),
  );

  r.get(
    '/api/paper-verifications',
    {
      schema: {
        tags,
        summary: '纸质材料核实 Paper verification requests to or from the unit (audited)',
        querystring: ListVerificationsQuery,
        response: { 200: PaperVerificationListSchema, ...errorResponses },
      },
    },
    async (req) => listPaperVerifications(ctx, await requireActor(ctx, req), req.query),
  );

  r.post(
    '/api/paper-verifications/:id/answer',
    {
      schema: {
        tags,
        summary: '答复核实 The station answers a paper verification: 一致 or 不一致, with a note',
        params: VerificationIdParams,
        body: AnswerVerificationBody,
        response: { 200: PaperVerificationViewSchema, ...errorResponses },
      },
    },
    async (req) => answerPaperVerification(ctx, await requireActor(ctx, req), req.params.id, req.body, requireIdempotencyKey(req)),
  );
}
