import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import { retrySms } from './commands/retry-sms.ts';
import { setStationSmsPhone } from './commands/set-station-phone.ts';
import { listSmsInScope } from './queries/list-sms.ts';
import { listStationPhonesFor } from './queries/list-station-phones.ts';
import {
  ListSmsQuery,
  SetStationPhoneBody,
  SmsIdParams,
  SmsListSchema,
  SmsViewSchema,
  StationPhoneListSchema,
  StationPhoneSchema,
  UnitIdParams,
} from './sms.schema.ts';

/** SMS (docs/SMS.md): the texts sent, a failed one sent again, and the stations' numbers. */
export async function smsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sms'];

  r.get(
    '/api/sms',
    {
      schema: {
        tags,
        summary: '短信发送记录 Texts in sight, newest first, paged (system administrator; supervisors for their units; audited)',
        querystring: ListSmsQuery,
        response: { 200: SmsListSchema, ...errorResponses },
      },
    },
    async (req) => listSmsInScope(ctx, await requireActor(ctx, req), req.query),
  );

  r.post(
    '/api/sms/:id/retry',
    {
      schema: {
        tags,
        summary: '重新发送 Queue a failed text for a fresh round of attempts (system administrator)',
        params: SmsIdParams,
        response: { 200: SmsViewSchema, ...errorResponses },
      },
    },
    async (req) => retrySms(ctx, await requireActor(ctx, req), req.params.id, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/sms/station-phones',
    {
      schema: {
        tags,
        summary: '派出所短信号码 The number each station is told on (system administrator; audited)',
        response: { 200: StationPhoneListSchema, ...errorResponses },
      },
    },
    async (req) => listStationPhonesFor(ctx, await requireActor(ctx, req)),
  );

  r.put(
    '/api/sms/station-phones/:unitId',
    {
      schema: {
        tags,
        summary: '设置派出所短信号码 Set or remove a station’s number (system administrator)',
        params: UnitIdParams,
        body: SetStationPhoneBody,
        response: { 200: StationPhoneSchema, ...errorResponses },
      },
    },
    async (req) => setStationSmsPhone(ctx, await requireActor(ctx, req), req.params.unitId, req.body.phone, requireIdempotencyKey(req)),
  );
}
