import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import { type Client, as } from './support/api.ts';
import { acceptSample, captureRequired, DECIDER, firstMaterialCode, submittedCase, subtypeWithChain } from './support/journey.ts';
import { sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv, TestClock } from './support/test-context.ts';

const STATION_GROUPS = ['toCapture', 'toVerify', 'toSubmit', 'returned', 'dueSoon'];

async function ok(call: Promise<{ status: number; body: any }>) {
  const res = await call;
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}

async function workbench(env: TestEnv, user: string, query = '') {
  const res = await (await as(env, user)).get(`/api/workbench${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

const ids = (group: { items: { id: string }[] }) => group.items.map((item) => item.id);

/** A case accepted, captured, verified and submitted at another station than 古楼. */
async function submittedAt(client: Client, subtype: CatalogSubtype, serial: number) {
  const kase = await acceptSample(client, subtype, serial);
  await captureRequired(client, kase.id, subtype);
  await ok(client.post(`/api/cases/${kase.id}/verify`));
  return ok(client.post(`/api/cases/${kase.id}/submit`));
}

describe('workbench: what each role has to do', () => {
  const clock = new TestClock();
  let env: TestEnv;
  // Cases at 古楼 unless named otherwise, by what they wait for; filled in before the tests.
  type CaseName =
    | 'toCapture'
    | 'partlyCaptured'
    | 'toVerify'
    | 'toSubmit'
    | 'returned'
    | 'atStation'
    | 'atBranchOlder'
    | 'atBranchNewer'
    | 'atBranchNewerReview'
    | 'atCity'
    | 'putuanAtBranch'
    | 'putuanToCapture';
  const c = {} as Record<CaseName, string>;

  before(async () => {
    env = await createTestEnv({ clock });
    const station = subtypeWithChain(env, 'station'); // approval limit 12 h
    const stationBranch = subtypeWithChain(env, 'station,branch'); // 24 h
    const branchCity = subtypeWithChain(env, 'branch,city'); // 48 h
    const threeLevels = subtypeWithChain(env, 'station,branch,city'); // 72 h
    assert.deepEqual(
      [station, stationBranch, branchCity, threeLevels].map((s) => [s.captureLimitHours, s.approvalLimitHours]),
      [
        [24, 12],
        [24, 24],
        [24, 48],
        [48, 72],
      ],
    );
    const officer = await as(env, 'gulou.officer');

    c.toCapture = (await acceptSample(officer, station, 1)).id;
    c.partlyCaptured = (await acceptSample(officer, station, 2)).id;
    await ok(officer.upload(c.partlyCaptured, firstMaterialCode(station), await sampleImage(81)));
    c.toVerify = (await acceptSample(officer, station, 3)).id;
    await captureRequired(officer, c.toVerify, station);
    c.toSubmit = (await acceptSample(officer, station, 4)).id;
    await captureRequired(officer, c.toSubmit, station);
    await ok(officer.post(`/api/cases/${c.toSubmit}/verify`));
    c.returned = (await submittedCase(env, branchCity, 5)).id;
    await ok((await as(env, DECIDER.branch)).post(`/api/cases/${c.returned}/return`, { reason: '照片不清' }));
    c.atStation = (await submittedCase(env, station, 6)).id;
    // Reviewed at the station, now reviewed again at the branch before the city approves it.
    c.atBranchOlder = (await submittedCase(env, threeLevels, 7)).id;
    await ok((await as(env, DECIDER.station)).post(`/api/cases/${c.atBranchOlder}/review`));

    clock.advanceHours(1);
    env.forgetSessions();
    // Submitted an hour later but with a shorter approval limit: its deadline comes first.
    c.atBranchNewerReview = (await submittedCase(env, branchCity, 12)).id;
    // The branch is the last of this one's two levels: it approves.
    c.atBranchNewer = (await submittedCase(env, stationBranch, 8)).id;
    await ok((await as(env, DECIDER.station)).post(`/api/cases/${c.atBranchNewer}/review`));
    c.atCity = (await submittedCase(env, branchCity, 9)).id;
    await ok((await as(env, DECIDER.branch)).post(`/api/cases/${c.atCity}/review`));
    const putuan = await as(env, 'putuan.officer');
    c.putuanAtBranch = (await submittedAt(putuan, branchCity, 10)).id;
    c.putuanToCapture = (await acceptSample(putuan, station, 11)).id;
  });
  after(async () => {
    await env.close();
  });

  it('shows the window its open cases by what they wait for, and what is due, nearest deadline first', async () => {
    const bench = await workbench(env, 'gulou.officer');
    assert.deepEqual(Object.keys(bench.groups).sort(), [...STATION_GROUPS].sort());
    assert.equal(bench.inboxLevel, null);
    assert.equal(bench.overdueByUnit, null);
    assert.deepEqual(ids(bench.groups.toCapture), [c.toCapture, c.partlyCaptured]);
    assert.deepEqual(ids(bench.groups.toVerify), [c.toVerify]);
    assert.deepEqual(ids(bench.groups.toSubmit), [c.toSubmit]);
    assert.deepEqual(ids(bench.groups.returned), [c.returned]);
    assert.deepEqual(ids(bench.groups.dueSoon), [c.toCapture, c.partlyCaptured, c.toVerify, c.toSubmit]);
    for (const name of STATION_GROUPS) assert.equal(bench.groups[name].count, bench.groups[name].items.length, name);
    const [first] = bench.groups.toCapture.items;
    assert.equal(first.deadline, first.captureDeadline);
    assert.equal(first.overdue, false);
    assert.equal(first.secondsLeft, Math.floor((Date.parse(first.captureDeadline) - Date.parse(bench.asOf)) / 1000));
    assert.ok(first.secondsLeft > 22 * 3600 && first.secondsLeft < 23 * 3600, `${first.secondsLeft}`);
    assert.match(first.applicant.idNumberMasked, /\*{8}/);
    assert.equal(bench.groups.returned.items[0].deadline, null);

    const aux = await workbench(env, 'gulou.aux');
    for (const name of STATION_GROUPS) assert.deepEqual(ids(aux.groups[name]), ids(bench.groups[name]), `the auxiliary's ${name}`);
    const putuan = await workbench(env, 'putuan.officer');
    assert.deepEqual(ids(putuan.groups.toCapture), [c.putuanToCapture]);
    assert.equal(putuan.groups.toVerify.count + putuan.groups.toSubmit.count + putuan.groups.returned.count, 0);
  });

  it('shows each decider the inbox at their level and in their scope, 待审核 apart from 待审批, oldest deadline first', async () => {
    const leader = await workbench(env, 'gulou.leader');
    assert.deepEqual(Object.keys(leader.groups).sort(), [...STATION_GROUPS, 'toReview', 'toApprove'].sort());
    assert.equal(leader.inboxLevel, 'station');
    assert.deepEqual(ids(leader.groups.toApprove), [c.atStation], 'a one-level chain: the station approves');
    assert.equal(leader.groups.toReview.count, 0, 'the station reviewed its cases of longer chains');
    assert.equal(leader.groups.toCapture.count, 2, 'the leader also sees the station groups');

    const echeng = await workbench(env, 'echeng.reviewer');
    assert.deepEqual(Object.keys(echeng.groups), ['toReview', 'toApprove']);
    assert.equal(echeng.inboxLevel, 'branch');
    assert.deepEqual(ids(echeng.groups.toReview), [c.atBranchNewerReview, c.atBranchOlder], 'by approval deadline, not by submission');
    const [newer, older] = echeng.groups.toReview.items;
    assert.ok(newer.submittedAt > older.submittedAt && newer.deadline < older.deadline);
    assert.equal(newer.deadline, newer.approvalDeadline);
    assert.equal(echeng.groups.toReview.count, 2);
    assert.deepEqual(ids(echeng.groups.toApprove), [c.atBranchNewer], 'the last of a two-level chain');

    const huarong = await workbench(env, 'huarong.reviewer');
    assert.deepEqual(ids(huarong.groups.toReview), [c.putuanAtBranch], "another branch's reviewer sees only theirs");
    assert.equal(huarong.groups.toApprove.count, 0);
    const city = await workbench(env, 'city.approver');
    assert.deepEqual(Object.keys(city.groups), ['toApprove'], 'the city is last in every chain it is in: it only approves');
    assert.deepEqual(ids(city.groups.toApprove), [c.atCity]);
    const putuan = await workbench(env, 'putuan.leader');
    assert.equal(putuan.groups.toReview.count + putuan.groups.toApprove.count, 0);
  });

  it('keeps counts exact when the items are capped', async () => {
    const bench = await workbench(env, 'gulou.officer', '?limit=1');
    assert.equal(bench.groups.dueSoon.count, 4);
    assert.deepEqual(ids(bench.groups.dueSoon), [c.toCapture]);
    assert.equal(bench.groups.toCapture.count, 2);
    assert.equal(bench.groups.toCapture.items.length, 1);
    const refused = await (await as(env, 'gulou.officer')).get('/api/workbench?limit=0');
    assert.equal(refused.status, 400);
  });

  it('lists cases under approval at a level in search (pendingLevel)', async () => {
    const approver = await as(env, 'city.approver');
    const found = async (client: Client, level: string) => {
      const res = await client.get(`/api/cases?pendingLevel=${level}&limit=100`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items.map((item: any) => item.id).sort();
    };
    assert.deepEqual(await found(approver, 'branch'), [c.atBranchOlder, c.atBranchNewer, c.atBranchNewerReview, c.putuanAtBranch].sort());
    assert.deepEqual(await found(approver, 'city'), [c.atCity]);
    assert.deepEqual(await found(approver, 'station'), [c.atStation]);
    assert.deepEqual(await found(await as(env, 'echeng.reviewer'), 'branch'), [c.atBranchOlder, c.atBranchNewer, c.atBranchNewerReview].sort());
    assert.equal((await approver.get('/api/cases?pendingLevel=province')).status, 400);
  });

  it('marks what is overdue once the clock has moved past the deadlines', async () => {
    clock.advanceHours(30); // 31 h after the first acceptances
    env.forgetSessions();
    const echeng = await workbench(env, 'echeng.reviewer');
    const [late] = echeng.groups.toApprove.items;
    assert.deepEqual([late.id, late.overdue], [c.atBranchNewer, true]);
    assert.ok(late.secondsLeft < 0);
    assert.equal(late.secondsLeft, Math.floor((Date.parse(late.deadline) - Date.parse(echeng.asOf)) / 1000));
    const [onTime] = echeng.groups.toReview.items;
    assert.deepEqual([onTime.id, onTime.overdue], [c.atBranchNewerReview, false]);
    assert.ok(onTime.secondsLeft > 0);

    const window = await workbench(env, 'gulou.officer');
    assert.ok(window.groups.dueSoon.items.every((item: any) => item.overdue && item.secondsLeft < 0));
    assert.equal((await workbench(env, 'gulou.leader')).groups.toApprove.items[0].overdue, true);
  });

  it('shows a supervisor what is overdue in scope, counted per unit', async () => {
    const branch = await workbench(env, 'echeng.supervisor');
    assert.deepEqual(Object.keys(branch.groups).sort(), ['approvalOverdue', 'captureOverdue']);
    assert.deepEqual(ids(branch.groups.approvalOverdue), [c.atStation, c.atBranchNewer]);
    assert.deepEqual(ids(branch.groups.captureOverdue).sort(), [c.toCapture, c.partlyCaptured, c.toVerify, c.toSubmit].sort());
    assert.deepEqual(branch.overdueByUnit, [{ unit: { id: '420704510000', name: '古楼派出所' }, approvalOverdue: 2, captureOverdue: 4 }]);

    const city = await workbench(env, 'city.supervisor');
    assert.equal(city.groups.captureOverdue.count, 5);
    assert.ok(ids(city.groups.captureOverdue).includes(c.putuanToCapture));
    assert.deepEqual(city.overdueByUnit, [
      { unit: { id: '420703510000', name: '蒲团派出所' }, approvalOverdue: 0, captureOverdue: 1 },
      { unit: { id: '420704510000', name: '古楼派出所' }, approvalOverdue: 2, captureOverdue: 4 },
    ]);
  });

  it('refuses the administrators, records the refusal, and records every look like a search', async () => {
    for (const admin of ['sysadmin', 'secadmin', 'auditadmin']) {
      const res = await (await as(env, admin)).get('/api/workbench');
      assert.equal(res.status, 403, admin);
      assert.equal(res.body.error.details.reason, 'ROLE_NOT_PERMITTED');
    }
    const events = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .innerJoin('users', 'users.id', 'audit_events.actor_id')
      .select(['users.username', 'audit_events.outcome', 'audit_events.detail'])
      .where('audit_events.action', '=', 'case.search')
      .orderBy('audit_events.seq', 'desc')
      .limit(4)
      .execute();
    assert.deepEqual(
      events.map((e) => [e.username, e.outcome]),
      [
        ['auditadmin', 'denied'],
        ['secadmin', 'denied'],
        ['sysadmin', 'denied'],
        ['city.supervisor', 'ok'],
      ],
    );
    const look = JSON.parse(events[3]?.detail ?? '{}');
    assert.equal(look.view, 'workbench');
    assert.deepEqual(look.counts, { approvalOverdue: 2, captureOverdue: 5 });
    assert.ok(look.caseIds.includes(c.putuanToCapture));
  });
});
