import assert from 'node:assert/strict';
import { DEFAULT_SUPERVISION_POLICY } from '../../server/modules/supervision/supervision-policy.ts';
import { multipart } from '../support/api.ts';
import { submittedCase, subtypeWithChain } from '../support/journey.ts';
import { type MatrixRow, row } from '../support/matrix.ts';
import { sampleImage } from '../support/sample-case.ts';
import type { TestEnv } from '../support/test-context.ts';

let serial = 1200;

/**
 * A warning 古楼派出所 answers for: a case of 古楼 submitted, then a page added as 补录, which raises a
 * 补录 warning in the act's own transaction.
 */
async function gulouWarning(env: TestEnv): Promise<string> {
  const subtype = subtypeWithChain(env, 'station');
  const kase = await submittedCase(env, subtype, serial++);
  const form = multipart(
    { materialCode: subtype.materials[0]!.code, supplementReason: '补充材料' },
    { name: 'p.jpg', type: 'image/jpeg', bytes: await sampleImage(serial * 7) },
  );
  const token = await env.login('gulou.officer');
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${kase.id}/images`,
    payload: form.payload,
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': `matrix-warning-${serial}`, 'content-type': form.contentType },
  });
  assert.equal(res.statusCode, 201, res.body);
  const warning = await env.ctx.db.kysely
    .selectFrom('warnings')
    .select('id')
    .where('case_id', '=', kase.id)
    .where('rule', '=', 'supplement')
    .executeTakeFirstOrThrow();
  return warning.id;
}

//                       off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const READ_WARNINGS = row(403, 403, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403, 403, 401);
const SEE_WARNING = row(403, 403, 200, 403, 404, 200, 404, 200, 200, 200, 403, 403, 403, 401);
// Its station's leader, or a supervisor over the station; a reviewer or approver only reads it.
const CLOSE_WARNING = row(403, 403, 200, 403, 404, 403, 404, 403, 200, 200, 403, 403, 403, 401);
const CITY_SUPERVISOR = row(403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 401);

/** Routes of online supervision (server/modules/supervision/): warnings and the rules' settings. */
export const SUPERVISION_ROWS: Record<string, MatrixRow> = {
  'GET /api/warnings': { expect: READ_WARNINGS, setup: async () => ({ url: '/api/warnings' }) },
  'GET /api/warnings/:id': { expect: SEE_WARNING, setup: async (env) => ({ url: `/api/warnings/${await gulouWarning(env)}` }) },
  'POST /api/warnings/:id/acknowledge': {
    expect: CLOSE_WARNING,
    setup: async (env) => ({ url: `/api/warnings/${await gulouWarning(env)}/acknowledge` }),
  },
  'POST /api/warnings/:id/resolve': {
    expect: CLOSE_WARNING,
    setup: async (env) => ({ url: `/api/warnings/${await gulouWarning(env)}/resolve`, body: { note: '已核实处理' } }),
  },
  'GET /api/supervision/policy': { expect: READ_WARNINGS, setup: async () => ({ url: '/api/supervision/policy' }) },
  'PUT /api/supervision/policy': {
    expect: CITY_SUPERVISOR,
    setup: async () => ({ url: '/api/supervision/policy', body: DEFAULT_SUPERVISION_POLICY }),
  },
};
