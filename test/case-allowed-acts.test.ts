import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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
const ACTS = [
  'capture',
  'verify',
  'submit',
  'review',
  'approve',
  'return',
  'complete',
  'withdraw',
  'supplement',
  'arrange_pages',
  'override_quality',
  'capture_portrait',
] as const;
type Act = (typeof ACTS)[number];
type User = Exclude<(typeof USERS)[number], 'anonymous'>;
const SIGNED_IN = USERS.filter((u): u is User => u !== 'anonymous');

let imageSeed = 70_000;

/** A page of the case as the reader sees it; every scenario's case has pages, and sample pages are small enough to be warned about. */
async function firstPage(client: Client, caseId: string) {
  const view = await client.get(`/api/cases/${caseId}`);
  const pages: { id: string; materialCode: string; qualityOverride: unknown }[] = view.status === 200 ? view.body.images : [];
  return pages.find((p) => p.qualityOverride === null) ?? pages[0];
}

async function performOnPage(client: Client, act: 'arrange_pages' | 'override_quality', caseId: string, subtype: CatalogSubtype) {
  // Whoever may not see the case learns nothing of its pages: the act is tried on an unknown page.
  const page = (await firstPage(client, caseId)) ?? { id: randomUUID(), materialCode: firstMaterialCode(subtype) };
  if (act === 'override_quality') return client.post(`/api/cases/${caseId}/images/${page.id}/quality-override`, { reason: '原件本身模糊' });
  const view = await client.get(`/api/cases/${caseId}`);
  const order: string[] =
    view.status === 200
      ? view.body.images.filter((p: { materialCode: string }) => p.materialCode === page.materialCode).map((p: { id: string }) => p.id)
      : [page.id];
  return client.post(`/api/cases/${caseId}/page-order`, { materialCode: page.materialCode, imageIds: order.reverse() });
}

async function perform(env: TestEnv, client: Client, act: Act, caseId: string, subtype: CatalogSubtype) {
  if (act === 'capture') return client.upload(caseId, firstMaterialCode(subtype), await sampleImage(imageSeed++));
  if (act === 'supplement')
    return client.uploadTo(
      `/api/cases/${caseId}/images`,
      { materialCode: firstMaterialCode(subtype), supplementReason: '申请人补交材料' },
      await sampleImage(imageSeed++),
    );
  if (act === 'capture_portrait') return client.uploadTo(`/api/cases/${caseId}/portrait`, {}, await sampleImage(imageSeed++, 'jpeg', 320));
  if (act === 'arrange_pages' || act === 'override_quality') return performOnPage(client, act, caseId, subtype);
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

/** Accepted with one page captured, while other required pages are still missing. */
async function partlyCaptured(env: TestEnv, subtype: CatalogSubtype) {
  const id = await accepted(env, subtype);
  const captured = await (await officer(env)).upload(id, firstMaterialCode(subtype), await sampleImage(imageSeed++));
  assert.equal(captured.status, 201, JSON.stringify(captured.body));
  return id;
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

/** What arranging, checking and photographing the applicant add at the station, for each person there. */
const PAGE_WORK = ['arrange_pages', 'override_quality', 'capture_portrait'] as const satisfies Act[];
const AUX_PAGE_WORK = ['arrange_pages', 'capture_portrait'] as const satisfies Act[];

const STATION_OPEN: Partial<Record<User, Act[]>> = {
  'gulou.officer': ['capture', 'withdraw', ...PAGE_WORK],
  'gulou.aux': ['capture', ...AUX_PAGE_WORK],
  'gulou.leader': ['capture', 'withdraw', ...PAGE_WORK],
};
const COMPLETE_AT_STATION: Partial<Record<User, Act[]>> = {
  'gulou.officer': ['capture', 'verify', 'withdraw', ...PAGE_WORK],
  'gulou.aux': ['capture', ...AUX_PAGE_WORK],
  'gulou.leader': ['capture', 'verify', 'withdraw', ...PAGE_WORK],
};
/** After submission the station's officers may still add pages, as 补录 with a reason. */
const SUPPLEMENT_ONLY: Partial<Record<User, Act[]>> = { 'gulou.officer': ['supplement'], 'gulou.leader': ['supplement'] };

const SCENARIOS: Record<string, Scenario> = {
  'accepted, required pages missing': { chain: 'station', build: partlyCaptured, expected: STATION_OPEN },
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
      'gulou.officer': ['capture', 'submit', 'withdraw', ...PAGE_WORK],
      'gulou.aux': ['capture', ...AUX_PAGE_WORK],
      'gulou.leader': ['capture', 'submit', 'withdraw', ...PAGE_WORK],
    },
  },
  'submitted, waiting for the station': {
    chain: 'station,branch',
    build: (env, s) => atLevel(env, s, 0),
    expected: { 'gulou.officer': ['supplement'], 'gulou.leader': ['review', 'return', 'supplement'] },
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
    expected: SUPPLEMENT_ONLY,
  },
  'submitted, waiting for the branch': {
    chain: 'branch,city',
    build: (env, s) => atLevel(env, s, 0),
    expected: { ...SUPPLEMENT_ONLY, 'echeng.reviewer': ['review', 'return'] },
  },
  'submitted, waiting for the city': {
    chain: 'branch,city',
    build: (env, s) => atLevel(env, s, 1),
    expected: { ...SUPPLEMENT_ONLY, 'city.approver': ['approve', 'return'] },
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
    expected: { 'gulou.officer': ['complete', 'supplement'], 'gulou.leader': ['complete', 'supplement'] },
  },
  completed: {
    chain: 'station',
    build: async (env, s) => {
      const id = await atLevel(env, s, 0);
      await ok((await as(env, DECIDER.station)).post(`/api/cases/${id}/approve`));
      await ok((await officer(env)).post(`/api/cases/${id}/complete`));
      return id;
    },
    expected: SUPPLEMENT_ONLY,
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
    assert.deepEqual(kase.allowedActs, ['capture', 'withdraw', ...PAGE_WORK], 'the acceptance answer');
    const captured = await captureRequired(client, kase.id, subtype);
    assert.deepEqual(captured.allowedActs, ['capture', 'verify', 'withdraw', ...PAGE_WORK], 'the last capture answer');
    const verified = await ok(client.post(`/api/cases/${kase.id}/verify`));
    assert.deepEqual(verified.allowedActs, ['capture', 'submit', 'withdraw', ...PAGE_WORK]);
    const submitted = await ok(client.post(`/api/cases/${kase.id}/submit`));
    assert.deepEqual(submitted.allowedActs, ['supplement'], 'the window officer does not decide, and adds pages only as 补录');
    const leader = await as(env, DECIDER.station);
    assert.deepEqual((await leader.get(`/api/cases/${kase.id}`)).body.allowedActs, ['approve', 'return', 'supplement']);
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
