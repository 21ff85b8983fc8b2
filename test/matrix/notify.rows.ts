import { randomUUID } from 'node:crypto';
import { type MatrixRow, row } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

async function gulou(env: TestEnv): Promise<string> {
  return (await env.ctx.db.kysely.selectFrom('units').select('id').where('code', '=', '420704510000').executeTakeFirstOrThrow()).id;
}

/** A text of 古楼 that failed (attempts used up), as the sender leaves one: each row retries its own. */
async function failedSms(env: TestEnv): Promise<string> {
  const at = env.ctx.now().toISOString();
  const outboxId = randomUUID();
  const id = randomUUID();
  await env.ctx.db.kysely
    .insertInto('outbox')
    .values({ id: outboxId, topic: 'case.approved', payload: '{}', case_id: null, created_at: at, sent_at: at, attempts: 1, last_error: null })
    .execute();
  await env.ctx.db.kysely
    .insertInto('sms_messages')
    .values({
      id,
      outbox_id: outboxId,
      recipient: 'station',
      topic: 'case.approved',
      case_id: null,
      unit_id: await gulou(env),
      to_phone: '13912345678',
      text: '【鄂州公安户政】测试',
      state: 'failed',
      attempts: 5,
      next_attempt_at: null,
      lease_until: null,
      reference: id,
      gateway: null,
      gateway_message_id: null,
      last_error: 'gateway down',
      created_at: at,
      sent_at: null,
      delivered_at: null,
      updated_at: at,
    })
    .execute();
  return id;
}

//                              off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const READ_SMS = row(403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403, 403, 401);
const OPERATE_SMS = row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 401);

/** Routes of SMS (server/modules/notify/, docs/SMS.md). */
export const NOTIFY_ROWS: Record<string, MatrixRow> = {
  'GET /api/sms': { expect: READ_SMS, setup: async () => ({ url: '/api/sms' }) },
  'POST /api/sms/:id/retry': { expect: OPERATE_SMS, setup: async (env) => ({ url: `/api/sms/${await failedSms(env)}/retry` }) },
  'GET /api/sms/station-phones': { expect: OPERATE_SMS, setup: async () => ({ url: '/api/sms/station-phones' }) },
  'PUT /api/sms/station-phones/:unitId': {
    expect: OPERATE_SMS,
    setup: async (env) => ({ url: `/api/sms/station-phones/${await gulou(env)}`, body: { phone: '13912345678' } }),
  },
};
