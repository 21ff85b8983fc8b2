import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import { type Client, as } from './support/api.ts';
import { acceptSample, captureRequired, DECIDER, firstMaterialCode, submittedCase, subtypeWithChain } from './support/journey.ts';
import { USERS } from './support/matrix.ts';
import { sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/**
 * `allowedActs` of GET /api/cases/:id against the act endpoints themselves: for every role and
 * scope of the demo organisation and a case at every status, each listed act is accepted (on a
 * fresh case in that state) and every act not listed is refused.
 */
const ACTS = ['capture', 'verify', 'submit', 'review', 'approve', 'return', 'complete', 'withdraw'] as const;
type Act = (typeof ACTS)[number];
type User = Exclude<(typeof USERS)[number], 'anonymous'>;
const SIGNED_IN = USERS.filter((u): u is User => u !== 'anonymous');

let imageSeed = 70_000;

async function perform(env: TestEnv, client: Client, act: Act, caseId: string, subtype: CatalogSubtype) {
  if (act === 'capture') return client.upload(caseId, firstMaterialCode(subtype), await sampleImage(imageSeed++));
  const body = act === 'return' || act === 'withdraw' ? { reason: '测试原因' } : { comment: '测试' };
  return client.post(`/api/cases/${caseId}/${act}`, body);
}

interface Scenario {
  chain: string;
  /** Builds a case in the state, returns its id. */
  build: (env: TestEnv, subtype: CatalogSubtype) => Promise<string>;
  /** The expected allowedActs per user, written out by hand; users not named may do nothing. */
  expected: Partial<Record<User, Act[]>>;
}

const officer = (env: TestEnv) => as(env, 'gulou.officer');

async function accepted(env: TestEnv, subtype: CatalogSubtype, by = 'gulou.officer') {
  return (await acceptSample(await as(env, by), subtype, 40)).id as string;
}

async function ok(call: Promise<{ status: number; body: any }>) {
  const res = await call;
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}

async function atLevel(env: TestEnv, subtype: CatalogSubtype, steps: number) {
  const kase = await submittedCase(env, subtype, 41);
  for (const level of subtype.approvalChain.slice(0, steps)) await ok((await as(env, DECIDER[level])).post(`/api/cases/${kase.id}/review`));
  return kase.id as string;
}

const STATION_OPEN: Partial<Record<User, Act[]>> = {
  'gulou.officer': ['capture', 'withdraw'],
  'gulou.aux': ['capture'],
  'gulou.leader': ['capture', 'withdraw'],
};
const COMPLETE_AT_STATION: Partial<Record<User, Act[]>> = {
  'gulou.officer': ['capture', 'verify', 'withdraw'],
  'gulou.aux': ['capture'],
  'gulou.leader': ['capture', 'verify', 'withdraw'],
};

const SCENARIOS: Record<string, Scenario> = {
  'accepted, required pages missing': { chain: 'station', build: (env, s) => accepted(env, s), expected: STATION_OPEN },
  'accepted, required pages complete': {
    chain: 'station',
    build: async (env, s) => {
      const id = await accepted(env, s);
      await captureRequired(await officer(env), id, s);
      return id;
    },
    expected: COMPLETE_AT_STATION,
  },
  verified: {
    chain: 'station',
    build: async (env, s) => {
      const id = await accepted(env, s);
      await captureRequired(await officer(env), id, s);
      await ok((await officer(env)).post(`/api/cases/${id}/verify`));
      return id;
    },
    expected: {
      'gulou.officer': ['capture', 'submit', 'withdraw'],
      'gulou.aux': ['capture'],
      'gulou.leader': ['capture', 'submit', 'withdraw'],
    },
  },
  'submitted, waiting for the station': {
    chain: 'station,branch',
    build: (env, s) => atLevel(env, s, 0),
    expected: { 'gulou.leader': ['review', 'return'] },
  },
  'submitted by the leader, waiting for the station': {
    chain: 'station',
    build: async (env, s) => {
      const id = await accepted(env, s, 'gulou.leader');
      await captureRequired(await officer(env), id, s);
      await ok((await officer(env)).post(`/api/cases/${id}/verify`));
      await ok((await officer(env)).post(`/api/cases/${id}/submit`));
      return id;
    },
    expected: {},
  },
  'submitted, waiting for the branch': {
    chain: 'branch,city',
    build: (env, s) => atLevel(env, s, 0),
    expected: { 'echeng.reviewer': ['review', 'return'] },
  },
  'submitted, waiting for the city': {
    chain: 'branch,city',
    build: (env, s) => atLevel(env, s, 1),
    expected: { 'city.approver': ['approve', 'return'] },
  },
  'returned by the branch': {
    chain: 'branch,city',
    build: async (env, s) => {
      const id = await atLevel(env, s, 0);
      await ok((await as(env, DECIDER.branch)).post(`/api/cases/${id}/return`, { reason: '照片不清' }));
      return id;
    },
    expected: COMPLETE_AT_STATION,
  },
  approved: {
    chain: 'station',
    build: async (env, s) => {
      const id = await atLevel(env, s, 0);
      await ok((await as(env, DECIDER.station)).post(`/api/cases/${id}/approve`));
      return id;
    },
    expected: { 'gulou.officer': ['complete'], 'gulou.leader': ['complete'] },
  },
  completed: {
    chain: 'station',
    build: async (env, s) => {
      const id = await atLevel(env, s, 0);
      await ok((await as(env, DECIDER.station)).post(`/api/cases/${id}/approve`));
      await ok((await officer(env)).post(`/api/cases/${id}/complete`));
      return id;
    },
    expected: {},
  },
  withdrawn: {
    chain: 'station',
    build: async (env, s) => {
      const id = await accepted(env, s);
      await ok((await officer(env)).post(`/api/cases/${id}/withdraw`, { reason: '申请人放弃' }));
      return id;
    },
    expected: {},
  },
};

/** Who sees a 古楼 case at all (test/support/matrix.ts READ_CASE). */
const SEES_GULOU: ReadonlySet<User> = new Set<User>([
  'gulou.officer',
  'gulou.aux',
  'gulou.leader',
  'echeng.reviewer',
  'city.approver',
  'echeng.supervisor',
  'city.supervisor',
]);

describe('acts a user may do now (allowedActs)', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`lists exactly the acts the endpoints accept: ${name}`, async () => {
      const subtype = subtypeWithChain(env, scenario.chain);
      const shared = await scenario.build(env, subtype);
      const versionBefore = (await (await officer(env)).get(`/api/cases/${shared}`)).body.version;
      for (const user of SIGNED_IN) {
        const client = await as(env, user);
        const view = await client.get(`/api/cases/${shared}`);
        const listed: Act[] = view.status === 200 ? view.body.allowedActs : [];
        assert.equal(view.status, SEES_GULOU.has(user) ? 200 : 404, `${user} views the case`);
        assert.deepEqual(listed, scenario.expected[user] ?? [], `${name}: allowedActs of ${user}`);
        if (view.status === 200) assert.equal(view.body.canRevealId, user !== 'gulou.aux', `${user} canRevealId`);

        // A refused act changes nothing, so every unlisted act is tried on the same case.
        for (const act of ACTS.filter((a) => !listed.includes(a))) {
          const res = await perform(env, client, act, shared, subtype);
          assert.ok(res.status >= 400 && res.status < 500, `${name}: ${user} ${act} is not listed, yet answered ${res.status}`);
        }
        // Each listed act is accepted by its endpoint on a case in the same state.
        for (const act of listed) {
          const fresh = await scenario.build(env, subtype);
          const res = await perform(env, client, act, fresh, subtype);
          assert.ok(
            res.status === 200 || res.status === 201,
            `${name}: ${user} ${act} is listed, yet answered ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
      }
      assert.equal((await (await officer(env)).get(`/api/cases/${shared}`)).body.version, versionBefore, 'the refused acts changed nothing');
    });
  }

  it('answers every act with the case as its actor may now act on it', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const client = await officer(env);
    const kase = await acceptSample(client, subtype, 42);
    assert.deepEqual(kase.allowedActs, ['capture', 'withdraw'], 'the acceptance answer');
    const captured = await captureRequired(client, kase.id, subtype);
    assert.deepEqual(captured.allowedActs, ['capture', 'verify', 'withdraw'], 'the last capture answer');
    const verified = await ok(client.post(`/api/cases/${kase.id}/verify`));
    assert.deepEqual(verified.allowedActs, ['capture', 'submit', 'withdraw']);
    const submitted = await ok(client.post(`/api/cases/${kase.id}/submit`));
    assert.deepEqual(submitted.allowedActs, [], 'the window officer does not decide');
    const leader = await as(env, DECIDER.station);
    assert.deepEqual((await leader.get(`/api/cases/${kase.id}`)).body.allowedActs, ['approve', 'return']);
  });

  it('refuses a submit with required material missing and names what is missing', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const client = await officer(env);
    const kase = await acceptSample(client, subtype, 43);
    const [first, ...rest] = subtype.materials.filter((m) => m.required);
    assert.ok(first && rest.length > 0, 'the sub-type has several required materials');
    for (let page = 0; page < first.minPages; page++)
      assert.equal((await client.upload(kase.id, first.code, await sampleImage(imageSeed++))).status, 201);

    const refused = await client.post(`/api/cases/${kase.id}/submit`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'CASE_ACT_NOT_ALLOWED');
    assert.deepEqual(
      refused.body.error.details.missing.map((m: any) => [m.code, m.name, m.minPages, m.pagesCaptured]),
      rest.map((m) => [m.code, m.name, m.minPages, 0]),
    );
    const verify = await client.post(`/api/cases/${kase.id}/verify`);
    assert.equal(verify.body.error.code, 'CASE_MATERIALS_INCOMPLETE');
    assert.deepEqual(verify.body.error.details.missing, refused.body.error.details.missing);

    await captureRequired(client, kase.id, subtype);
    const unverified = await client.post(`/api/cases/${kase.id}/submit`);
    assert.equal(unverified.body.error.code, 'CASE_ACT_NOT_ALLOWED');
    assert.equal(unverified.body.error.details.missing, undefined, 'nothing is missing: the originals are to be verified first');

    const withdrawn = await acceptSample(client, subtype, 44);
    await ok(client.post(`/api/cases/${withdrawn.id}/withdraw`, { reason: '申请人放弃' }));
    const closed = await client.post(`/api/cases/${withdrawn.id}/submit`);
    assert.equal(closed.body.error.code, 'CASE_ACT_NOT_ALLOWED');
    assert.equal(closed.body.error.details.missing, undefined, 'a closed case names nothing to capture');
  });
});
