import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { as, multipart } from './support/api.ts';
import {
  acceptSample,
  approveThroughChain,
  captureRequired,
  DECIDER,
  firstMaterialCode,
  submittedCase,
  subtypeWithChain,
} from './support/journey.ts';
import { sampleApplicant, sampleFields, sampleImage } from './support/sample-case.ts';
import {
  AUDIT_ADMIN_ONLY,
  BRANCH_DECISION,
  CITY_DECISION,
  EVERY_USER,
  type MatrixRow,
  READ_CASE,
  row,
  STATION_ACT,
  USERS,
} from './support/matrix.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';
import { MATRIX_ROWS_BY_DOMAIN } from './matrix/index.ts';

/**
 * Every API route × every role and scope, with the outcome each cell must have (columns and shared
 * rows in support/matrix.ts; rows of later domains in test/matrix/).
 */
const chainCase = (env: TestEnv) => submittedCase(env, subtypeWithChain(env, 'branch,city'));
const officer = (env: TestEnv) => as(env, 'gulou.officer');

async function acceptedCase(env: TestEnv) {
  return acceptSample(await officer(env), subtypeWithChain(env, 'station'));
}

async function completeCase(env: TestEnv) {
  const subtype = subtypeWithChain(env, 'branch,city');
  const kase = await submittedCase(env, subtype);
  await approveThroughChain(env, kase.id, subtype);
  return kase;
}

async function caseWithImage(env: TestEnv) {
  const kase = await acceptedCase(env);
  const page = await (await officer(env)).upload(kase.id, firstMaterialCode(subtypeWithChain(env, 'station')), await sampleImage(77));
  return { kase, imageId: page.body.images[0].id as string };
}

const CORE_ROWS: Record<string, MatrixRow> = {
  'GET /api/health': {
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    setup: async () => ({ url: '/api/health' }),
  },
  'POST /api/auth/logout': {
    expect: row(204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 401),
    setup: async () => ({ url: '/api/auth/logout' }),
  },
  'GET /api/me': { expect: EVERY_USER, setup: async () => ({ url: '/api/me' }) },
  'GET /api/units': { expect: EVERY_USER, setup: async () => ({ url: '/api/units' }) },
  'GET /api/catalog': { expect: EVERY_USER, setup: async () => ({ url: '/api/catalog' }) },
  'GET /api/catalog/versions': { expect: EVERY_USER, setup: async () => ({ url: '/api/catalog/versions' }) },
  'GET /api/catalog/versions/:version': {
    expect: EVERY_USER,
    setup: async (env) => ({ url: `/api/catalog/versions/${env.ctx.catalogs.current(env.ctx.now()).version}` }),
  },
  'POST /api/cases': {
    //      off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
    expect: row(201, 403, 201, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 401),
    setup: async (env) => {
      const subtype = subtypeWithChain(env, 'station');
      return { url: '/api/cases', body: { subtypeCode: subtype.code, applicant: sampleApplicant(5), fields: sampleFields(subtype) } };
    },
  },
  'GET /api/cases': {
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 401),
    setup: async () => ({ url: '/api/cases?limit=5' }),
  },
  'GET /api/cases/:id': { expect: READ_CASE, setup: async (env) => ({ url: `/api/cases/${(await acceptedCase(env)).id}` }) },
  'GET /api/cases/:id/timeline': { expect: READ_CASE, setup: async (env) => ({ url: `/api/cases/${(await acceptedCase(env)).id}/timeline` }) },
  'GET /api/cases/:id/images/:imageId/content': {
    expect: READ_CASE,
    setup: async (env) => {
      const { kase, imageId } = await caseWithImage(env);
      return { url: `/api/cases/${kase.id}/images/${imageId}/content` };
    },
  },
  'POST /api/cases/:id/reveal-id': {
    expect: row(200, 403, 200, 404, 404, 200, 404, 200, 200, 200, 404, 404, 404, 401),
    setup: async (env) => ({ url: `/api/cases/${(await acceptedCase(env)).id}/reveal-id`, body: { reason: '核对申请人身份' } }),
  },
  'POST /api/cases/:id/images': {
    expect: row(201, 201, 201, 404, 404, 403, 404, 403, 403, 403, 404, 404, 404, 401),
    setup: async (env) => ({ url: `/api/cases/${(await acceptedCase(env)).id}/images`, upload: true }),
  },
  'POST /api/cases/:id/verify': {
    expect: STATION_ACT,
    setup: async (env) => {
      const kase = await acceptedCase(env);
      await captureRequired(await officer(env), kase.id, subtypeWithChain(env, 'station'));
      return { url: `/api/cases/${kase.id}/verify`, body: {} };
    },
  },
  'POST /api/cases/:id/submit': {
    expect: STATION_ACT,
    setup: async (env) => {
      const kase = await acceptedCase(env);
      await captureRequired(await officer(env), kase.id, subtypeWithChain(env, 'station'));
      await (await officer(env)).post(`/api/cases/${kase.id}/verify`);
      return { url: `/api/cases/${kase.id}/submit`, body: {} };
    },
  },
  'POST /api/cases/:id/review': {
    expect: BRANCH_DECISION,
    setup: async (env) => ({ url: `/api/cases/${(await chainCase(env)).id}/review`, body: {} }),
  },
  'POST /api/cases/:id/return': {
    expect: BRANCH_DECISION,
    setup: async (env) => ({ url: `/api/cases/${(await chainCase(env)).id}/return`, body: { reason: '材料不清晰' } }),
  },
  'POST /api/cases/:id/approve': {
    expect: CITY_DECISION,
    setup: async (env) => {
      const kase = await chainCase(env);
      await (await as(env, DECIDER.branch)).post(`/api/cases/${kase.id}/review`);
      return { url: `/api/cases/${kase.id}/approve`, body: {} };
    },
  },
  'POST /api/cases/:id/complete': {
    expect: STATION_ACT,
    setup: async (env) => ({ url: `/api/cases/${(await completeCase(env)).id}/complete`, body: {} }),
  },
  'POST /api/cases/:id/withdraw': {
    expect: STATION_ACT,
    setup: async (env) => ({ url: `/api/cases/${(await acceptedCase(env)).id}/withdraw`, body: { reason: '申请人放弃' } }),
  },
  'POST /api/admin/users/:id/sign-in-throttle/clear': {
    //      off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
    expect: row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401),
    setup: async (env) => {
      const user = await env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', 'putuan.officer').executeTakeFirstOrThrow();
      return { url: `/api/admin/users/${user.id}/sign-in-throttle/clear` };
    },
  },
  'GET /api/audit/events': { expect: AUDIT_ADMIN_ONLY, setup: async () => ({ url: '/api/audit/events?limit=5' }) },
  'POST /api/audit/verify': { expect: AUDIT_ADMIN_ONLY, setup: async () => ({ url: '/api/audit/verify' }) },
};

/**
 * The user's session, signed in again only when an earlier cell ended it (a logout, a clock moved past
 * its expiry): a sign-in is an argon2id check, and one per cell was a third of the matrix's time.
 */
async function liveSession(env: TestEnv, user: string): Promise<string> {
  const token = await env.login(user);
  const me = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  if (me.statusCode !== 401) return token;
  env.forgetSessions();
  return env.login(user);
}

const MATRIX: Record<string, MatrixRow> = Object.assign({}, CORE_ROWS, ...MATRIX_ROWS_BY_DOMAIN);

const PUBLIC_ROUTES = new Set(['POST /api/auth/login']);

describe('authorization matrix: every route × role × scope', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  it('has a row for every route the app serves', () => {
    const served = env.app.routeList.map((r) => `${r.method} ${r.url}`);
    const missing = served.filter((route) => !MATRIX[route] && !PUBLIC_ROUTES.has(route));
    assert.deepEqual(missing, [], 'add a matrix row for each new route');
    const stale = Object.keys(MATRIX).filter((route) => !served.includes(route));
    assert.deepEqual(stale, [], 'matrix rows for routes that no longer exist');
  });

  for (const [route, spec] of Object.entries(MATRIX)) {
    it(route, async () => {
      const [method] = route.split(' ');
      // A refused act changes nothing, so one prepared target serves every refusal; an allowed act
      // consumes its target, so each allowed cell gets a fresh one.
      let shared = await spec.setup(env);
      for (const user of USERS) {
        const expected = spec.expect[user];
        const target = expected < 300 && method !== 'GET' ? await spec.setup(env) : shared;
        const token = user === 'anonymous' ? null : await liveSession(env, user);
        const before = await env.ctx.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow();
        const headers: Record<string, string> = token
          ? { authorization: `Bearer ${token}`, 'idempotency-key': `matrix-${Math.random().toString(36).slice(2)}` }
          : {};
        let res;
        if (target.upload) {
          const form = multipart(
            target.uploadFields ?? { materialCode: firstMaterialCode(subtypeWithChain(env, 'station')) },
            target.uploadFile ?? { name: 'p.jpg', type: 'image/jpeg', bytes: await sampleImage(500) },
          );
          res = await env.app.inject({
            method: 'POST',
            url: target.url,
            payload: form.payload,
            headers: { ...headers, 'content-type': form.contentType },
          });
        } else {
          res = await env.app.inject({
            method: method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
            url: target.url,
            payload: method === 'GET' ? undefined : (target.body ?? {}),
            headers,
          });
        }
        assert.equal(res.statusCode, expected, `${route} as ${user}: ${res.body}`);
        if ((expected === 403 || expected === 404) && user !== 'anonymous') {
          const refusals = await env.ctx.db.kysely
            .selectFrom('audit_events')
            .select(['outcome', 'actor_id'])
            .where('seq', '>', Number(before.m ?? 0))
            .where('outcome', '=', 'denied')
            .execute();
          assert.equal(refusals.length, 1, `${route} as ${user}: the refusal is recorded once`);
        }
        if (route === 'POST /api/auth/logout') shared = await spec.setup(env);
      }
    });
  }

  it('lets a station leader approve station-level business but never a case they accepted themselves', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const leader = await as(env, DECIDER.station);
    const own = await acceptSample(leader, subtype, 7);
    await captureRequired(leader, own.id, subtype);
    await leader.post(`/api/cases/${own.id}/verify`);
    await leader.post(`/api/cases/${own.id}/submit`);
    const selfApproval = await leader.post(`/api/cases/${own.id}/approve`);
    assert.equal(selfApproval.status, 403);
    assert.equal(selfApproval.body.error.details.reason, 'OWN_CASE');

    const other = await submittedCase(env, subtype, 8);
    assert.equal((await leader.post(`/api/cases/${other.id}/approve`)).status, 200);
  });

  // Separation of duties, exhaustively: for each station act the leader did on a case (the rest done
  // by the window officer), each decision at the station level is refused as OWN_CASE.
  for (const stationAct of ['accept', 'verify', 'submit'] as const) {
    for (const [decision, chain] of [
      ['approve', 'station'],
      ['review', 'station,branch'],
      ['return', 'station'],
    ] as const) {
      it(`refuses a station leader who did ${stationAct} the decision ${decision}`, async () => {
        const subtype = subtypeWithChain(env, chain);
        const leader = await as(env, DECIDER.station);
        const officer = await as(env, 'gulou.officer');
        const by = (act: string) => (act === stationAct ? leader : officer);
        const kase = await acceptSample(by('accept'), subtype, 30);
        await captureRequired(officer, kase.id, subtype);
        assert.equal((await by('verify').post(`/api/cases/${kase.id}/verify`)).status, 200);
        assert.equal((await by('submit').post(`/api/cases/${kase.id}/submit`)).status, 200);
        const refused = await leader.post(`/api/cases/${kase.id}/${decision}`, { comment: '同意', reason: '退回' });
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
        assert.equal(refused.body.error.details.reason, 'OWN_CASE');
        assert.equal((await officer.get(`/api/cases/${kase.id}`)).body.status, 'submitted');
      });
    }
  }

  it('remembers who acted for the station across a return: verifying again after a return bars the decision too', async () => {
    const subtype = subtypeWithChain(env, 'station,branch');
    const leader = await as(env, DECIDER.station);
    const officer = await as(env, 'gulou.officer');
    const kase = await submittedCase(env, subtype, 31);
    assert.equal((await leader.post(`/api/cases/${kase.id}/return`, { reason: '照片不清' })).status, 200);
    assert.equal((await leader.post(`/api/cases/${kase.id}/verify`)).status, 200);
    assert.equal((await officer.post(`/api/cases/${kase.id}/submit`)).status, 200);
    const refused = await leader.post(`/api/cases/${kase.id}/review`, { comment: '同意' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.details.reason, 'OWN_CASE');
  });
});
