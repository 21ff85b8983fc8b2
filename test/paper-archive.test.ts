import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import { as } from './support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/**
 * 纸质档案 (docs/PAPER-ARCHIVE.md): a station binds its decided cases' paper files into a volume,
 * numbered in order; a place holds one file; a bound file moves only with a reason; files not bound
 * by day 10 of the month after their decision are reported. The clock is the test clock.
 */
describe('paper archive', () => {
  let env: TestEnv;
  let subtype: CatalogSubtype;
  let serial = 700;

  before(async () => {
    env = await createTestEnv();
    subtype = subtypeWithChain(env, 'station');
  });
  after(async () => env.close());

  async function approvedCase(): Promise<{ id: string; caseNo: string }> {
    const kase = await submittedCase(env, subtype, serial++);
    await approveThroughChain(env, kase.id, subtype);
    return kase;
  }

  const auditOf = (action: 'paper.bind' | 'paper.move') =>
    env.ctx.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();

  it('binds a batch into one volume in the order given, and refuses a place taken twice', async () => {
    const [a, b, c] = [await approvedCase(), await approvedCase(), await approvedCase()];
    const officer = await as(env, 'gulou.officer');
    const bound = await officer.post('/api/paper-archive/bind', { caseIds: [b.id, a.id], boxNo: '2026-01', volumeNo: '1' });
    assert.equal(bound.status, 200, JSON.stringify(bound.body));
    assert.deepEqual(
      bound.body.items.map((item: any) => [item.caseNo, item.place.sequence, item.state, item.bound.by.name]),
      [
        [b.caseNo, 1, 'bound', bound.body.items[0].bound.by.name],
        [a.caseNo, 2, 'bound', bound.body.items[0].bound.by.name],
      ],
    );
    const [event] = await auditOf('paper.bind');
    assert.equal(event?.outcome, 'ok');
    assert.equal(event?.object_id, '2026-01/1');
    assert.deepEqual(
      JSON.parse(event?.detail ?? '{}').files.map((f: any) => f.sequence),
      [1, 2],
    );

    const clash = await officer.post('/api/paper-archive/bind', { caseIds: [c.id], boxNo: '2026-01', volumeNo: '1', firstSequence: 2 });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.code, 'PAPER_PLACE_TAKEN');
    assert.equal(clash.body.error.details.heldBy, a.caseNo);

    const again = await officer.post('/api/paper-archive/bind', { caseIds: [a.id], boxNo: '2026-01', volumeNo: '9' });
    assert.equal(again.body.error.code, 'PAPER_FILE_ALREADY_BOUND');

    // Without a first sequence the batch continues the volume.
    const next = await officer.post('/api/paper-archive/bind', { caseIds: [c.id], boxNo: '2026-01', volumeNo: '1' });
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.equal(next.body.items[0].place.sequence, 3);

    const search = await officer.get('/api/paper-archive/files?state=bound&boxNo=2026-01&volumeNo=1');
    assert.deepEqual(
      search.body.items.map((item: any) => item.caseNo),
      [b.caseNo, a.caseNo, c.caseNo],
    );
  });

  it('refuses an undecided case, another station’s officers and those who do not file', async () => {
    const submitted = await submittedCase(env, subtype, serial++);
    const officer = await as(env, 'gulou.officer');
    const undecided = await officer.post('/api/paper-archive/bind', { caseIds: [submitted.id], boxNo: '1', volumeNo: '1' });
    assert.equal(undecided.status, 409);
    assert.equal(undecided.body.error.code, 'PAPER_CASE_NOT_DECIDED');

    const approved = await approvedCase();
    const body = { caseIds: [approved.id], boxNo: '7', volumeNo: '1' };
    assert.equal((await (await as(env, 'zelin.officer')).post('/api/paper-archive/bind', body)).status, 404);
    assert.equal((await (await as(env, 'gulou.aux')).post('/api/paper-archive/bind', body)).status, 403);
    assert.equal((await (await as(env, 'echeng.reviewer')).post('/api/paper-archive/bind', body)).status, 403);
    const file = await env.ctx.db.kysely.selectFrom('paper_files').selectAll().where('case_id', '=', approved.id).executeTakeFirst();
    assert.equal(file, undefined, 'nothing refused is filed');
    const denied = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('action', '=', 'paper.bind')
      .where('outcome', '!=', 'ok')
      .execute();
    assert.ok(denied.some((e) => e.reason === 'AUXILIARY_NOT_PERMITTED'));
    assert.ok(denied.some((e) => e.reason === 'PAPER_CASE_NOT_DECIDED'));
  });

  it('moves a bound file only with a reason, keeps the log, and shows the place on the case', async () => {
    const kase = await approvedCase();
    const other = await approvedCase();
    const leader = await as(env, 'gulou.leader');
    assert.equal((await leader.post('/api/paper-archive/bind', { caseIds: [kase.id, other.id], boxNo: 'M', volumeNo: '1' })).status, 200);

    const url = `/api/paper-archive/cases/${kase.id}/move`;
    assert.equal((await leader.post(url, { boxNo: 'M', volumeNo: '2', sequence: 1 })).status, 400, 'a reason is required');
    const taken = await leader.post(url, { boxNo: 'M', volumeNo: '1', sequence: 2, reason: '重新排序' });
    assert.equal(taken.body.error.code, 'PAPER_PLACE_TAKEN');
    const same = await leader.post(url, { boxNo: 'M', volumeNo: '1', sequence: 1, reason: '重新排序' });
    assert.equal(same.body.error.code, 'PAPER_MOVE_UNCHANGED');
    const moved = await leader.post(url, { boxNo: 'M', volumeNo: '2', sequence: 1, reason: '卷内超厚，拆分为第2卷' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(moved.body.place, { boxNo: 'M', volumeNo: '2', sequence: 1 });
    const [event] = (await auditOf('paper.move')).filter((e) => e.outcome === 'ok');
    assert.equal(event?.case_id, kase.id);
    assert.equal(event?.reason, '卷内超厚，拆分为第2卷');
    assert.deepEqual(JSON.parse(event?.detail ?? '{}').from, { boxNo: 'M', volumeNo: '1', sequence: 1 });

    // Its old place is free again.
    const third = await approvedCase();
    const refill = await leader.post('/api/paper-archive/bind', { caseIds: [third.id], boxNo: 'M', volumeNo: '1', firstSequence: 1 });
    assert.equal(refill.status, 200, JSON.stringify(refill.body));

    const aux = await as(env, 'gulou.aux');
    const view = await aux.get(`/api/paper-archive/cases/${kase.id}`);
    assert.equal(view.status, 200);
    assert.equal(view.body.decided, true);
    assert.equal(view.body.file.state, 'bound');
    assert.deepEqual(view.body.file.place, { boxNo: 'M', volumeNo: '2', sequence: 1 });
    assert.equal(view.body.file.canFile, false);
    assert.deepEqual(
      view.body.history.map((h: any) => [h.action, h.place.volumeNo, h.reason]),
      [
        ['bind', '1', null],
        ['move', '2', '卷内超厚，拆分为第2卷'],
      ],
    );
    assert.equal((await (await as(env, 'putuan.leader')).get(`/api/paper-archive/cases/${kase.id}`)).status, 404);
    await assert.rejects(
      env.ctx.db.kysely.updateTable('paper_file_actions').set({ reason: 'x' }).where('case_id', '=', kase.id).execute(),
      'the log is append-only',
    );
  });

  it('a case not yet decided has no paper file to show', async () => {
    const kase = await submittedCase(env, subtype, serial++);
    const view = await (await as(env, 'gulou.officer')).get(`/api/paper-archive/cases/${kase.id}`);
    assert.equal(view.status, 200);
    assert.deepEqual(view.body, { decided: false, file: null, history: [] });
  });
});

describe('paper archive: files not bound in time', () => {
  let env: TestEnv;

  before(async () => {
    env = await createTestEnv();
  });
  after(async () => env.close());

  it('reports unbound files after day 10 of the next month, per station, branch and city', async () => {
    const subtype = subtypeWithChain(env, 'station');
    // Decided on 29 November (Beijing): due by 10 December.
    const late = await submittedCase(env, subtype, 801);
    await approveThroughChain(env, late.id, subtype);
    const done = await submittedCase(env, subtype, 802);
    await approveThroughChain(env, done.id, subtype);
    assert.equal(
      (await (await as(env, 'gulou.officer')).post('/api/paper-archive/bind', { caseIds: [done.id], boxNo: '1', volumeNo: '1' })).status,
      200,
    );

    const overdueIds = async (user: string) => {
      const res = await (await as(env, user)).get('/api/paper-archive/overdue');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };

    env.clock.advanceHours(11 * 24); // 10 December, Beijing: still within the period
    env.forgetSessions();
    let report = await overdueIds('gulou.leader');
    assert.equal(
      report.items.some((item: any) => item.caseId === late.id),
      false,
    );
    assert.equal(report.units.length, 1, 'a station leader reads their own station');
    assert.equal(report.units[0].pending, 1);
    assert.equal(report.units[0].overdue, 0);
    assert.equal(report.total, 0);

    env.clock.advanceHours(24); // 11 December: late
    env.forgetSessions();
    report = await overdueIds('gulou.leader');
    assert.deepEqual(
      report.items.map((item: any) => [item.caseId, item.overdue, item.dueDay]),
      [[late.id, true, '2026-12-10']],
    );
    assert.equal(report.units.length, 1);
    assert.equal(report.units[0].overdue, 1);
    assert.equal(report.total, 1);

    const branch = await overdueIds('echeng.reviewer');
    assert.equal(branch.total, 1);
    const station = branch.units.find((unit: any) => unit.id === report.units[0].id);
    const top = branch.units.find((unit: any) => unit.kind === 'branch');
    assert.equal(station.overdue, 1);
    assert.equal(top.overdue, 1, 'the branch sums its stations');
    assert.ok(branch.units.filter((unit: any) => unit.kind === 'station').length > 1, 'every station of the branch is listed');

    assert.equal((await overdueIds('city.supervisor')).total, 1);
    assert.equal((await overdueIds('huarong.reviewer')).total, 0, 'another branch sees none of it');
    assert.equal((await (await as(env, 'gulou.officer')).get('/api/paper-archive/overdue')).status, 403);

    const list = await (await as(env, 'gulou.officer')).get('/api/paper-archive/files?state=overdue');
    assert.deepEqual(
      list.body.items.map((item: any) => item.caseId),
      [late.id],
    );
    const pendingList = await (await as(env, 'gulou.officer')).get('/api/paper-archive/files?state=pending');
    assert.equal(pendingList.body.items[0].overdue, true);
  });
});
