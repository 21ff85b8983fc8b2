import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createScheduler } from '../server/jobs/scheduler.ts';
import { serverTasks } from '../server/jobs/server-tasks.ts';
import { currentQuotaPeriod } from '../server/modules/spot-checks/quota-period.ts';
import { seededRandom } from '../server/random/seeded-random.ts';
import { drawWeighted, riskWeight } from '../server/modules/spot-checks/risk-weight.ts';
import { countSpotChecksByUnit, countSpotChecksDoneByChecker } from '../server/modules/spot-checks/spot-check-stats.repo.ts';
import { beijingDay } from '../server/time/beijing-day.ts';
import { as } from './support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('risk-weighted sample', () => {
  test('a risky case is drawn far more often than a plain one, and the same seed draws the same sample', () => {
    const plain = { id: 'plain', weight: riskWeight({ warnings: 0, subtypeReturnRate: 0, officerReturnRate: 0 }) };
    const risky = { id: 'risky', weight: riskWeight({ warnings: 2, subtypeReturnRate: 0.5, officerReturnRate: 0.5 }) };
    assert.equal(plain.weight, 1);
    assert.equal(risky.weight, 11);
    const others = Array.from({ length: 18 }, (_, i) => ({ id: `other${i}`, weight: 1 }));
    const candidates = [plain, risky, ...others];
    const drawn = { plain: 0, risky: 0 };
    for (let seed = 1; seed <= 2000; seed++) {
      for (const pick of drawWeighted(candidates, 2, seededRandom(seed))) {
        if (pick.id === 'plain' || pick.id === 'risky') drawn[pick.id]++;
      }
    }
    assert.ok(drawn.risky > 4 * drawn.plain, `risky ${drawn.risky}, plain ${drawn.plain}`);
    assert.ok(drawn.plain > 0, 'a plain case can still be drawn');
    const again = (seed: number) => drawWeighted(candidates, 3, seededRandom(seed)).map((c) => c.id);
    assert.deepEqual(again(42), again(42));
  });

  test('warnings count up to three; rates are clamped', () => {
    assert.equal(riskWeight({ warnings: 10, subtypeReturnRate: 2, officerReturnRate: -1 }), 1 + 9 + 4);
  });

  test('quota periods are Beijing weeks from Monday and calendar months', () => {
    // 2026-12-02 is a Wednesday; 01:00 UTC on it is 09:00 in Beijing.
    const week = currentQuotaPeriod(new Date('2026-12-02T01:00:00Z'), 'week');
    assert.deepEqual([week.from, week.to, week.start], ['2026-11-30', '2026-12-06', '2026-11-29T16:00:00.000Z']);
    // 20:00 UTC on the 30th is already 1 December in Beijing.
    const month = currentQuotaPeriod(new Date('2026-11-30T20:00:00Z'), 'month');
    assert.deepEqual([month.from, month.to, month.end], ['2026-12-01', '2026-12-31', '2026-12-31T16:00:00.000Z']);
  });
});

describe('spot checks and paper verification through the API', () => {
  let env: TestEnv;
  let caseId: string;
  let materialCode: string;
  before(async () => {
    env = await createTestEnv();
    const subtype = subtypeWithChain(env, 'station');
    materialCode = subtype.materials[0]!.code;
    const kase = await submittedCase(env, subtype, 3101);
    await approveThroughChain(env, kase.id, subtype);
    caseId = kase.id;
  });
  after(() => env.close());

  test('a branch draws, records a finding with a paper verification, completes; the station answers late', async () => {
    const today = beijingDay(env.ctx.now());
    let reviewer = await as(env, 'echeng.reviewer');
    const quotaBefore = await reviewer.get('/api/spot-checks/quota');
    assert.equal(quotaBefore.status, 200);
    assert.deepEqual(
      quotaBefore.body.units.map((u: any) => [u.unit.kind, u.period, u.behind]),
      [['branch', 'week', true]],
    );

    const proposed = await reviewer.post('/api/spot-checks/rounds', { from: today, to: today, size: 5 });
    assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
    const roundId = proposed.body.id;
    assert.equal(proposed.body.sampleSize, 1);
    assert.equal(proposed.body.canWork, true);

    // Another branch's reviewer does not see it; the city reads it but does not work on it.
    assert.equal((await (await as(env, 'huarong.reviewer')).get(`/api/spot-checks/rounds/${roundId}`)).status, 404);
    const citySupervisor = await as(env, 'city.supervisor');
    const cityView = await citySupervisor.get(`/api/spot-checks/rounds/${roundId}`);
    assert.equal(cityView.status, 200);
    assert.equal(cityView.body.canWork, false);
    const notChecker = await citySupervisor.post(`/api/spot-checks/rounds/${roundId}/cases/${caseId}/finding`, { result: 'pass' });
    assert.equal(notChecker.status, 403);
    assert.equal(notChecker.body.error.details.reason, 'NOT_CHECKER');

    const round = await reviewer.get(`/api/spot-checks/rounds/${roundId}`);
    assert.deepEqual(
      round.body.items.map((i: any) => i.case.id),
      [caseId],
    );
    assert.match(round.body.items[0].case.applicantName, /\*/);

    // The same branch does not draw the case twice.
    const again = await reviewer.post('/api/spot-checks/rounds', { from: today, to: today, size: 5 });
    assert.equal(again.status, 422);
    assert.equal(again.body.error.code, 'SPOT_CHECK_NO_CANDIDATES');

    const early = await reviewer.post(`/api/spot-checks/rounds/${roundId}/complete`, {});
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'SPOT_CHECK_FINDINGS_MISSING');

    const unknown = await reviewer.post(`/api/spot-checks/rounds/${roundId}/cases/${caseId}/finding`, {
      result: 'problem',
      doubtful: [{ materialCode: 'no-such-material', note: '存疑', verifyPaper: true }],
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'MATERIAL_UNKNOWN');

    const finding = await reviewer.post(`/api/spot-checks/rounds/${roundId}/cases/${caseId}/finding`, {
      result: 'problem',
      note: '签名笔迹与原件可能不符',
      doubtful: [{ materialCode, note: '签名存疑', verifyPaper: true }],
    });
    assert.equal(finding.status, 200, JSON.stringify(finding.body));
    assert.equal(finding.body.result, 'problem');
    assert.equal(finding.body.doubtful[0].materialCode, materialCode);

    const completed = await reviewer.post(`/api/spot-checks/rounds/${roundId}/complete`, { summary: '抽查1件，发现1件问题' });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    assert.equal(completed.body.state, 'completed');
    const late = await reviewer.post(`/api/spot-checks/rounds/${roundId}/cases/${caseId}/finding`, { result: 'pass' });
    assert.equal(late.body.error.code, 'SPOT_CHECK_ROUND_COMPLETED');

    const quotaAfter = await reviewer.get('/api/spot-checks/quota');
    assert.equal(quotaAfter.body.units[0].behind, false);
    const cityQuota = await citySupervisor.get('/api/spot-checks/quota');
    assert.equal(cityQuota.body.units.find((u: any) => u.unit.name === '鄂城分局').behind, false);
    assert.ok(cityQuota.body.units.some((u: any) => u.unit.kind === 'city' && u.behind && u.period === 'month'));

    // The station sees the request addressed to it; a sibling station does not.
    let officer = await as(env, 'gulou.officer');
    const mine = await officer.get('/api/paper-verifications?state=open');
    assert.equal(mine.status, 200);
    assert.equal(mine.body.items.length, 1);
    const request = mine.body.items[0];
    assert.equal(request.state, 'requested');
    assert.equal(request.canAnswer, true);
    assert.equal(Date.parse(request.dueAt) - Date.parse(request.requestedAt), 3 * 86_400_000);
    assert.equal((await (await as(env, 'zelin.officer')).get('/api/paper-verifications')).body.items.length, 0);
    assert.equal((await (await as(env, 'gulou.aux')).get('/api/paper-verifications')).status, 403);

    // Past the deadline, the scheduled escalation marks it 逾期, once.
    env.clock.advanceHours(3 * 24 + 2);
    env.forgetSessions();
    reviewer = await as(env, 'echeng.reviewer');
    officer = await as(env, 'gulou.officer');
    const task = serverTasks(env.config).find((t) => t.name === 'paper-verification-escalation')!;
    await createScheduler(env.ctx, [task], () => {}).tick();
    const overdue = await reviewer.get('/api/paper-verifications?state=overdue');
    assert.deepEqual(
      overdue.body.items.map((i: any) => i.id),
      [request.id],
    );
    assert.equal((await reviewer.get('/api/spot-checks/quota')).body.units[0].overdueVerifications, 1);
    const events = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('object_id', '=', request.id)
      .where('action', '=', 'supervision.paper_verification_overdue')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.actor_id, null);

    // Only the station answers; the checker and another branch's station may not.
    const byReviewer = await reviewer.post(`/api/paper-verifications/${request.id}/answer`, { result: 'consistent', note: 'x' });
    assert.equal(byReviewer.status, 403);
    const byOther = await (await as(env, 'putuan.leader')).post(`/api/paper-verifications/${request.id}/answer`, { result: 'consistent', note: 'x' });
    assert.equal(byOther.status, 404);
    const answered = await (
      await as(env, 'gulou.leader')
    ).post(`/api/paper-verifications/${request.id}/answer`, {
      result: 'inconsistent',
      note: '原件签名与影像不一致，已约谈经办人',
    });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.equal(answered.body.state, 'answered');
    assert.equal(answered.body.answer, 'inconsistent');
    const twice = await officer.post(`/api/paper-verifications/${request.id}/answer`, { result: 'consistent', note: 'y' });
    assert.equal(twice.body.error.code, 'PAPER_VERIFICATION_ANSWERED');

    const wanted = [
      'supervision.spot_round_propose',
      'supervision.spot_finding',
      'supervision.spot_round_complete',
      'supervision.paper_verification_answer',
    ] as const;
    const trail = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', wanted)
      .where('outcome', '=', 'ok')
      .execute();
    assert.deepEqual(new Set(trail.map((e) => e.action)), new Set(wanted));

    // The bulletin's counts.
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
    const gulou = await env.ctx.db.kysely.selectFrom('units').select('id').where('name', '=', '古楼派出所').executeTakeFirstOrThrow();
    assert.deepEqual((await countSpotChecksByUnit(env.ctx.db.kysely, range)).get(gulou.id), { checked: 1, withFindings: 1 });
    const echeng = await env.ctx.db.kysely.selectFrom('units').select('id').where('name', '=', '鄂城分局').executeTakeFirstOrThrow();
    assert.equal((await countSpotChecksDoneByChecker(env.ctx.db.kysely, range)).get(echeng.id), 1);
  });

  test('the period is checked and a station cannot draw', async () => {
    const reviewer = await as(env, 'echeng.reviewer');
    const future = await reviewer.post('/api/spot-checks/rounds', { from: '2099-01-01', to: '2099-01-02', size: 3 });
    assert.equal(future.body.error.code, 'SPOT_CHECK_PERIOD_INVALID');
    const reversed = await reviewer.post('/api/spot-checks/rounds', { from: '2026-11-20', to: '2026-11-10', size: 3 });
    assert.equal(reversed.body.error.code, 'SPOT_CHECK_PERIOD_INVALID');
    const leader = await as(env, 'gulou.leader');
    assert.equal((await leader.post('/api/spot-checks/rounds', { from: '2026-11-20', to: '2026-11-21', size: 3 })).status, 403);
    assert.equal((await leader.get('/api/spot-checks/quota')).status, 403);
  });

  test('the rounds list shows how many sampled cases have findings, counted as they are recorded', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const drawn: string[] = [];
    for (const serial of [3102, 3103]) {
      const kase = await submittedCase(env, subtype, serial);
      await approveThroughChain(env, kase.id, subtype);
      drawn.push(kase.id);
    }
    const reviewer = await as(env, 'echeng.reviewer');
    const today = beijingDay(env.ctx.now());
    const proposed = await reviewer.post('/api/spot-checks/rounds', { from: today, to: today, size: 5 });
    assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
    const roundId = proposed.body.id;
    const progress = async () => {
      const list = await reviewer.get('/api/spot-checks/rounds');
      assert.equal(list.status, 200);
      const round = list.body.items.find((r: any) => r.id === roundId);
      return [round.sampleSize, round.checkedCount];
    };
    assert.deepEqual(await progress(), [2, 0]);

    const finding = (caseId: string, body: object) => reviewer.post(`/api/spot-checks/rounds/${roundId}/cases/${caseId}/finding`, body);
    assert.equal((await finding(drawn[0]!, { result: 'pass' })).status, 200);
    assert.deepEqual(await progress(), [2, 1]);
    // Recording the same case again replaces its finding: still one checked.
    assert.equal((await finding(drawn[0]!, { result: 'problem', note: '受理单填写不全' })).status, 200);
    assert.deepEqual(await progress(), [2, 1]);
    assert.equal((await finding(drawn[1]!, { result: 'pass' })).status, 200);
    assert.deepEqual(await progress(), [2, 2]);

    // The first test's round, completed over its one case, shows the same count in the list and on its page.
    const list = await reviewer.get('/api/spot-checks/rounds');
    const completed = list.body.items.find((r: any) => r.state === 'completed');
    assert.deepEqual([completed.sampleSize, completed.checkedCount], [1, 1]);
    assert.equal((await reviewer.get(`/api/spot-checks/rounds/${roundId}`)).body.checkedCount, 2);
  });
});
