import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoCitizenId } from '../server/modules/population/demo-people.ts';
import { as, type Client } from './support/api.ts';
import { subtypeWithChain } from './support/journey.ts';
import { sampleFields } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('case search within scope', () => {
  let env: TestEnv;
  const ids: Record<string, string> = {};
  before(async () => {
    env = await createTestEnv();
    const subtype = subtypeWithChain(env, 'station');
    const accept = async (client: Client, name: string, serial: number) => {
      const idNumber = demoCitizenId('420703', '1975-02-14', serial, 'male');
      const res = await client.post('/api/cases', { subtypeCode: subtype.code, applicant: { name, idNumber }, fields: sampleFields(subtype) });
      assert.equal(res.status, 201);
      ids[name] = res.body.id;
      return res.body;
    };
    const gulou = await as(env, 'gulou.officer');
    const zelin = await as(env, 'zelin.officer');
    for (let i = 1; i <= 5; i++) await accept(gulou, `古楼${i}`, i);
    await accept(zelin, '泽林1', 20);
    env.clock.advanceHours(48);
    env.forgetSessions();
    await accept(await as(env, 'putuan.officer'), '蒲团1', 30);
  });
  after(async () => {
    await env.close();
  });

  const names = (body: any) => body.items.map((i: any) => i.applicant.name);

  it('shows a station its own cases, a branch its stations, the city everything; newest first', async () => {
    assert.deepEqual(names((await (await as(env, 'gulou.officer')).get('/api/cases')).body), ['古楼5', '古楼4', '古楼3', '古楼2', '古楼1']);
    assert.deepEqual(
      names((await (await as(env, 'echeng.reviewer')).get('/api/cases')).body).sort(),
      ['古楼1', '古楼2', '古楼3', '古楼4', '古楼5', '泽林1'].sort(),
    );
    assert.equal((await (await as(env, 'city.supervisor')).get('/api/cases')).body.items.length, 7);
    assert.deepEqual(names((await (await as(env, 'huarong.reviewer')).get('/api/cases')).body), ['蒲团1']);
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const city = await as(env, 'city.supervisor');
    const seen: string[] = [];
    let url = '/api/cases?limit=3';
    for (;;) {
      const page = (await city.get(url)).body;
      seen.push(...names(page));
      if (!page.nextCursor) break;
      url = `/api/cases?limit=3&cursor=${page.nextCursor}`;
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
  });

  it('finds by ID number, name, case number, sub-type, unit, status and date range', async () => {
    const city = await as(env, 'city.supervisor');
    const idNumber = demoCitizenId('420703', '1975-02-14', 3, 'male');
    assert.deepEqual(names((await city.get(`/api/cases?idNumber=${idNumber}`)).body), ['古楼3']);
    assert.deepEqual(names((await city.get(`/api/cases?name=${encodeURIComponent('泽林1')}`)).body), ['泽林1']);
    const caseNo = (await city.get(`/api/cases/${ids['古楼2']}`)).body.caseNo;
    assert.deepEqual(names((await city.get(`/api/cases?caseNo=${caseNo}`)).body), ['古楼2']);
    assert.equal((await city.get(`/api/cases?subtypeCode=${subtypeWithChain(env, 'station').code}`)).body.items.length, 7);
    assert.deepEqual(names((await city.get('/api/cases?unitId=420703510000')).body), ['蒲团1']);
    assert.equal((await city.get('/api/cases?status=approved')).body.items.length, 0);
    assert.equal((await city.get('/api/cases?acceptedFrom=2026-11-29&acceptedTo=2026-11-29')).body.items.length, 6);
    assert.deepEqual(names((await city.get('/api/cases?acceptedFrom=2026-12-01')).body), ['蒲团1']);
  });

  it('never reaches outside the scope, even when asked for another unit, and records each attempt', async () => {
    const gulou = await as(env, 'gulou.officer');
    const searches = () => env.ctx.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'case.search').orderBy('seq').execute();
    const before = (await searches()).length;
    assert.deepEqual((await gulou.get('/api/cases?unitId=420703510000')).body.items, []);
    const idNumber = demoCitizenId('420703', '1975-02-14', 30, 'male');
    assert.deepEqual((await gulou.get(`/api/cases?idNumber=${idNumber}`)).body.items, []);
    const recorded = (await searches()).slice(before);
    assert.equal(recorded.length, 2, 'both searches are on the trail');
    const [byUnit, byId] = recorded.map((e) => ({ ...e, detail: JSON.parse(e.detail) }));
    assert.equal(byUnit!.detail.unitId, '420703510000');
    assert.equal(byUnit!.detail.outOfScope, true);
    assert.equal(byId!.detail.results, 0);
    assert.equal(byId!.detail.idNumber, `420703********${idNumber.slice(14)}`);
    assert.ok(!byId!.detail.idNumber.includes(idNumber.slice(6, 14)));
    // Who looked this person up, found without the number in the trail: the keyed index.
    assert.equal(byId!.detail.idNumberIndex, env.ctx.dataKeys.blindIndex(idNumber));
  });

  it('masks ID numbers in results and records the search with the number masked', async () => {
    const city = await as(env, 'city.supervisor');
    const idNumber = demoCitizenId('420703', '1975-02-14', 4, 'male');
    const res = await city.get(`/api/cases?idNumber=${idNumber}`);
    assert.ok(!res.raw.body.includes(idNumber));
    assert.match(res.body.items[0].applicant.idNumberMasked, /^420703\*{8}/);
    const event = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'case.search')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.ok(!event.detail.includes(idNumber));
    assert.equal(JSON.parse(event.detail).results, 1);
  });

  it('reveals a full number only with a reason, and records who asked and why', async () => {
    const leader = await as(env, 'gulou.leader');
    const none = await leader.post(`/api/cases/${ids['古楼1']}/reveal-id`, {});
    assert.equal(none.status, 400);
    const res = await leader.post(`/api/cases/${ids['古楼1']}/reveal-id`, { reason: '核对申请人身份' });
    assert.equal(res.body.idNumber, demoCitizenId('420703', '1975-02-14', 1, 'male'));
    const event = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'case.reveal_id')
      .where('outcome', '=', 'ok')
      .executeTakeFirstOrThrow();
    assert.equal(event.reason, '核对申请人身份');
    assert.equal(event.case_id, ids['古楼1']);
  });

  it('refuses a malformed query with a clear code', async () => {
    const city = await as(env, 'city.supervisor');
    const bad = await city.get('/api/cases?status=nonsense');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
    assert.equal((await city.get('/api/cases?cursor=garbage')).body.error.code, 'VALIDATION_FAILED');
    const refused = [
      ['acceptedFrom=2026-13-01', '/acceptedFrom'],
      ['acceptedTo=2026-13-01', '/acceptedTo'],
      ['acceptedTo=2026-02-30', '/acceptedTo'],
      ['acceptedFrom=2026-1-1', '/acceptedFrom'],
      ['name=%E5%BC%A0%00%E4%B8%89', '/name'],
      ['caseNo=%1B%5B2J', '/caseNo'],
      [`idNumber=${'1'.repeat(33)}`, '/idNumber'],
      [`name=${'张'.repeat(51)}`, '/name'],
      ['cursor=a%00b', '/cursor'],
      ['limit=101', '/limit'],
    ];
    for (const [query, path] of refused) {
      const res = await city.get(`/api/cases?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED', query);
      assert.ok(
        res.body.error.details.issues.some((issue: { path: string }) => issue.path === path),
        `${query}: ${JSON.stringify(res.body)}`,
      );
    }
    // A real day at either end is taken as given: the last day of February is inclusive, not refused.
    assert.equal((await city.get('/api/cases?acceptedFrom=2028-02-29&acceptedTo=2028-02-29')).status, 200);
  });
});
