import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createScheduler } from '../server/jobs/scheduler.ts';
import { serverTasks } from '../server/jobs/server-tasks.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import type { CatalogSubtype } from '../server/modules/catalog/catalog.schema.ts';
import { checkWarningProjections } from '../server/modules/supervision/check-warning-projections.ts';
import { DEFAULT_SUPERVISION_POLICY, type SupervisionPolicy } from '../server/modules/supervision/supervision-policy.ts';
import { sweepWarnings } from '../server/modules/supervision/sweep-warnings.ts';
import { as } from './support/api.ts';
import { copyOf, documentPage } from './support/document-images.ts';
import { acceptSample, captureRequired, DECIDER, submittedCase, subtypeWithChain } from './support/journey.ts';
import { sampleApplicant, sampleFields, sampleImage } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/**
 * 预警 (docs/SUPERVISION.md): each rule raises exactly when its fact happens, once, whether an act or
 * the sweep finds it first; a warning's life (acknowledged, resolved with a note) is in the trail;
 * who sees and who closes which warning. The clock is the test clock: no sleeps.
 */

interface WarningRow {
  id: string;
  rule: string;
  fact_key: string;
  unit_id: string;
  case_unit_id: string | null;
  state: string;
  detail: string;
}

let imageSeed = 9000;

/** A case's warnings as stored, by rule. */
async function warningsOf(env: TestEnv, caseId: string): Promise<WarningRow[]> {
  return env.ctx.db.kysely
    .selectFrom('warnings')
    .select(['id', 'rule', 'fact_key', 'unit_id', 'case_unit_id', 'state', 'detail'])
    .where('case_id', '=', caseId)
    .orderBy('rule')
    .orderBy('fact_key')
    .execute();
}

const rulesOf = (rows: readonly WarningRow[]) => rows.map((row) => row.rule).sort();

async function raiseEvents(env: TestEnv, warningId: string) {
  return env.ctx.db.kysely
    .selectFrom('audit_events')
    .selectAll()
    .where('object_id', '=', warningId)
    .where('action', '=', 'supervision.warning_raise')
    .execute();
}

async function unitId(env: TestEnv, code: string): Promise<string> {
  const unit = await env.ctx.db.kysely.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return unit.id;
}

const GULOU = '420704510000';
const ECHENG = '420704000000';

/** Moves the test clock on; sessions are signed in again afterwards. */
function later(env: TestEnv, hours: number): void {
  env.clock.advanceHours(hours);
  env.forgetSessions();
}

/** The window officer uploads one page of the first required material as 补录, with a reason. */
async function supplement(env: TestEnv, caseId: string, subtype: CatalogSubtype, bytes?: Buffer) {
  const officer = await as(env, 'gulou.officer');
  const material = subtype.materials.find((m) => m.required)!.code;
  const res = await officer.uploadTo(
    `/api/cases/${caseId}/images`,
    { materialCode: material, supplementReason: '原件当日未带齐，补录' },
    bytes ?? (await sampleImage(imageSeed++)),
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** PUT, which the test client does not offer: the rules' settings as a whole. */
async function putPolicy(env: TestEnv, username: string, policy: unknown) {
  const token = await env.login(username);
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/supervision/policy',
    payload: policy as object,
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': `policy-${Math.random()}` },
  });
  return { status: res.statusCode, body: res.json() };
}

async function setPolicy(env: TestEnv, change: (policy: SupervisionPolicy) => void) {
  const policy = structuredClone(DEFAULT_SUPERVISION_POLICY);
  change(policy);
  const res = await putPolicy(env, 'city.supervisor', policy);
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

describe('warning rules: each raises exactly when its fact happens, and never twice', () => {
  let env: TestEnv;
  let station: CatalogSubtype; // 0101: capture within 24 h, approval within 12 h, station decides
  let gulou: string;
  before(async () => {
    env = await createTestEnv();
    station = subtypeWithChain(env, 'station');
    gulou = await unitId(env, GULOU);
    await sweepWarnings(env.ctx); // the first run: nothing in the past yet
  });
  after(async () => {
    await env.close();
  });

  it('未上传: an accepted case with nothing captured when its capture limit passes, not before, and not a captured or withdrawn one', async () => {
    const officer = await as(env, 'gulou.officer');
    const empty = await acceptSample(officer, station, 1);
    const captured = await acceptSample(officer, station, 2);
    await captureRequired(officer, captured.id, station);
    const withdrawn = await acceptSample(officer, station, 3);
    assert.equal((await officer.post(`/api/cases/${withdrawn.id}/withdraw`, { reason: '申请人撤回' })).status, 200);

    later(env, 23);
    await sweepWarnings(env.ctx);
    assert.deepEqual(await warningsOf(env, empty.id), [], 'within the limit: nothing');

    later(env, 2);
    await sweepWarnings(env.ctx);
    const [warning, ...more] = await warningsOf(env, empty.id);
    assert.equal(more.length, 0);
    assert.equal(warning?.rule, 'not_uploaded');
    assert.equal(warning.fact_key, empty.id);
    assert.equal(warning.unit_id, gulou, 'the station answers for it');
    assert.equal(warning.state, 'raised');
    assert.deepEqual(await warningsOf(env, captured.id), [], 'captured in time: no warning');
    assert.deepEqual(await warningsOf(env, withdrawn.id), [], 'withdrawn before the limit: no warning');

    const [event, ...moreEvents] = await raiseEvents(env, warning.id);
    assert.equal(moreEvents.length, 0);
    assert.equal(event?.actor_id, null, 'raised by the system');
    assert.equal(event.case_id, empty.id);
    assert.equal(event.reason, 'not_uploaded');

    later(env, 1);
    await sweepWarnings(env.ctx);
    assert.equal((await warningsOf(env, empty.id)).length, 1, 'a later run finds the fact warned already');
  });

  it('不齐全: something captured but a required material short when the limit passes; 未上传 is not said as well', async () => {
    const officer = await as(env, 'gulou.officer');
    const partial = await acceptSample(officer, station, 4);
    const [first] = station.materials.filter((m) => m.required);
    assert.ok(first);
    assert.equal((await officer.upload(partial.id, first.code, await sampleImage(imageSeed++))).status, 201);
    later(env, 25);
    await sweepWarnings(env.ctx);
    const rows = await warningsOf(env, partial.id);
    assert.deepEqual(rulesOf(rows), ['incomplete']);
    const detail = JSON.parse(rows[0]!.detail) as { moment: string; missing: { code: string }[] };
    assert.equal(detail.moment, 'capture_limit');
    const expected = station.materials.filter((m) => m.required && (m.code !== first.code || m.minPages > 1)).map((m) => m.code);
    assert.deepEqual(
      detail.missing.map((m) => m.code),
      expected,
    );
  });

  it('超期上传 and 补录 on the 补录 act itself, in its answer; a second 补录 is its own fact, the late upload is not', async () => {
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, station, 5);
    later(env, 25);
    const view = await supplement(env, kase.id, station);
    // No sweep ran: the act found 未上传 as of the limit itself, and its own late pages and 补录.
    assert.deepEqual(rulesOf(await warningsOf(env, kase.id)), ['late_upload', 'not_uploaded', 'supplement']);
    assert.deepEqual(view.openWarnings.map((w: { rule: string }) => w.rule).sort(), ['late_upload', 'not_uploaded', 'supplement']);
    assert.ok(view.openWarnings.every((w: { ruleName: { zh: string } }) => w.ruleName.zh.length > 0));

    later(env, 1);
    await supplement(env, kase.id, station);
    const rows = await warningsOf(env, kase.id);
    assert.deepEqual(rulesOf(rows), ['late_upload', 'not_uploaded', 'supplement', 'supplement']);
    await sweepWarnings(env.ctx);
    assert.equal((await warningsOf(env, kase.id)).length, 4, 'the sweep over those pages finds every fact warned already');
  });

  it('补录 after submission keeps afterSubmission; with afterSubmissionOnly, a 补录 at the station before submission raises no 补录 warning', async () => {
    const officer = await as(env, 'gulou.officer');
    const sent = await submittedCase(env, station, 6);
    await supplement(env, sent.id, station);
    const [row] = (await warningsOf(env, sent.id)).filter((w) => w.rule === 'supplement');
    assert.equal(JSON.parse(row!.detail).afterSubmission, true);

    await setPolicy(env, (policy) => {
      policy.supplement.afterSubmissionOnly = true;
    });
    try {
      const atStation = await acceptSample(officer, station, 7);
      await captureRequired(officer, atStation.id, station);
      later(env, 25);
      await supplement(env, atStation.id, station);
      assert.deepEqual(rulesOf(await warningsOf(env, atStation.id)), ['late_upload'], 'a late 补录 at the station: 超期上传 only');
    } finally {
      await setPolicy(env, () => {});
    }
  });

  it('图像重复使用: the capture that finds a page of another person’s case raises it for that pair of cases, once', async () => {
    const officer = await as(env, 'gulou.officer');
    const material = station.materials.find((m) => m.required)!.code;
    const page = await documentPage({ seed: 71 });
    const a = await acceptSample(officer, station, 11);
    const b = await acceptSample(officer, station, 12);
    assert.equal((await officer.upload(a.id, material, page)).status, 201);
    const found = await officer.upload(b.id, material, page);
    assert.equal(found.status, 201);
    assert.equal(found.body.capture.reusedPages, 1, 'capture reports the reuse');
    const rows = await warningsOf(env, b.id);
    assert.deepEqual(rulesOf(rows), ['image_reuse']);
    assert.equal(rows[0]!.fact_key, `${b.id}/${a.id}`);
    assert.equal(JSON.parse(rows[0]!.detail).otherCaseNo, a.caseNo);
    assert.deepEqual(await warningsOf(env, a.id), [], 'the first capture found nothing');
    assert.equal((await officer.upload(b.id, material, await copyOf(page, 'recompressed', 2))).status, 201);
    assert.equal((await warningsOf(env, b.id)).length, 1, 'another page of the same pair is the same fact');
  });

  it('协警越权操作: an auxiliary’s refused officer act, from the trail, one warning per attempt; allowed capture and officers’ refusals raise none', async () => {
    const officer = await as(env, 'gulou.officer');
    const aux = await as(env, 'gulou.aux');
    const kase = await acceptSample(officer, station, 13);
    await captureRequired(aux, kase.id, station);
    const refused = await aux.post(`/api/cases/${kase.id}/verify`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.details.reason, 'AUXILIARY_NOT_PERMITTED');
    assert.equal((await officer.post(`/api/cases/${kase.id}/approve`)).status, 403, 'an officer refused: no overreach');
    later(env, 0.5);
    await sweepWarnings(env.ctx);
    const rows = await warningsOf(env, kase.id);
    assert.deepEqual(rulesOf(rows), ['auxiliary_overreach']);
    const detail = JSON.parse(rows[0]!.detail);
    assert.equal(detail.action, 'case.verify');
    assert.match(detail.actorName, /协警/);
    assert.equal(rows[0]!.unit_id, gulou);
    const acceptRefused = await aux.post('/api/cases', { subtypeCode: station.code, applicant: sampleApplicant(30), fields: sampleFields(station) });
    assert.equal(acceptRefused.status, 403);
    later(env, 0.5);
    await sweepWarnings(env.ctx);
    assert.equal((await warningsOf(env, kase.id)).length, 1, 'the next run starts after the seq it read');
    const caseless = await env.ctx.db.kysely
      .selectFrom('warnings')
      .select(['detail', 'unit_id'])
      .where('rule', '=', 'auxiliary_overreach')
      .where('case_id', 'is', null)
      .execute();
    assert.deepEqual(
      caseless.map((w) => [JSON.parse(w.detail).action, w.unit_id]),
      [['case.accept', gulou]],
      'an attempt at no case: its station answers',
    );
  });

  it('审批超期: the sweep names the level the case waits at and that level’s unit; a late decision names its own level and the next', async () => {
    const stationBranch = subtypeWithChain(env, 'station,branch'); // approval within 24 h
    const waiting = await submittedCase(env, stationBranch, 14);
    assert.equal((await (await as(env, DECIDER.station)).post(`/api/cases/${waiting.id}/review`)).status, 200);
    const lateAtStation = await submittedCase(env, stationBranch, 15);
    later(env, 23);
    await sweepWarnings(env.ctx);
    assert.deepEqual(await warningsOf(env, waiting.id), []);
    later(env, 2);
    await sweepWarnings(env.ctx);
    const [branch] = await warningsOf(env, waiting.id);
    assert.equal(branch?.rule, 'approval_overdue');
    assert.equal(branch.unit_id, await unitId(env, ECHENG), 'the branch bureau it waits at answers');
    assert.equal(branch.case_unit_id, gulou);
    assert.equal(JSON.parse(branch.detail).level, 'branch');
    const atStation = await warningsOf(env, lateAtStation.id);
    assert.deepEqual(
      atStation.map((w) => JSON.parse(w.detail).level),
      ['station'],
    );

    // Decided late: the branch's approval is the same fact; the station's late review also hands the
    // case to a branch whose time has passed.
    assert.equal((await (await as(env, DECIDER.branch)).post(`/api/cases/${waiting.id}/approve`)).status, 200);
    assert.equal((await warningsOf(env, waiting.id)).length, 1);
    assert.equal((await (await as(env, DECIDER.station)).post(`/api/cases/${lateAtStation.id}/review`)).status, 200);
    assert.deepEqual((await warningsOf(env, lateAtStation.id)).map((w) => JSON.parse(w.detail).level).sort(), ['branch', 'station']);
  });

  it('审批超期 waits the hours set for the level; a case decided before its limit raises nothing', async () => {
    await setPolicy(env, (policy) => {
      policy.approval_overdue.hoursOverdue.branch = 48;
    });
    try {
      const stationBranch = subtypeWithChain(env, 'station,branch');
      const kase = await submittedCase(env, stationBranch, 16);
      assert.equal((await (await as(env, DECIDER.station)).post(`/api/cases/${kase.id}/review`)).status, 200);
      const prompt = await submittedCase(env, station, 17);
      assert.equal((await (await as(env, DECIDER.station)).post(`/api/cases/${prompt.id}/approve`)).status, 200);
      later(env, 30);
      await sweepWarnings(env.ctx);
      assert.deepEqual(await warningsOf(env, kase.id), [], '30 hours: within the limit plus the branch’s 48');
      assert.deepEqual(await warningsOf(env, prompt.id), []);
      later(env, 43);
      await sweepWarnings(env.ctx);
      assert.deepEqual(rulesOf(await warningsOf(env, kase.id)), ['approval_overdue']);
    } finally {
      await setPolicy(env, () => {});
    }
  });

  it('a switched-off rule raises nothing, on acts or in the sweep', async () => {
    await setPolicy(env, (policy) => {
      policy.not_uploaded.enabled = false;
      policy.late_upload.enabled = false;
    });
    try {
      const officer = await as(env, 'gulou.officer');
      const kase = await acceptSample(officer, station, 18);
      later(env, 25);
      await sweepWarnings(env.ctx);
      await supplement(env, kase.id, station);
      assert.deepEqual(rulesOf(await warningsOf(env, kase.id)), ['supplement']);
    } finally {
      await setPolicy(env, () => {});
    }
  });

  it('the same fact is one warning when the sweep and an act race for it, and when two sweeps do', async () => {
    const officer = await as(env, 'gulou.officer');
    const kases = [];
    for (let i = 0; i < 4; i++) kases.push(await acceptSample(officer, station, 20 + i));
    later(env, 25);
    await Promise.all([sweepWarnings(env.ctx), sweepWarnings(env.ctx), ...kases.map((k) => supplement(env, k.id, station))]);
    for (const kase of kases) {
      const rows = await warningsOf(env, kase.id);
      assert.deepEqual(rulesOf(rows), ['late_upload', 'not_uploaded', 'supplement']);
      for (const row of rows) assert.equal((await raiseEvents(env, row.id)).length, 1);
    }
  });
});

describe('a warning’s life: acknowledged, resolved with a note, all in the trail; who sees and who closes it', () => {
  let env: TestEnv;
  let station: CatalogSubtype;
  let gulouWarning: string;
  let branchWarning: string;
  let caseId: string;
  before(async () => {
    env = await createTestEnv();
    station = subtypeWithChain(env, 'station');
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, station, 1);
    caseId = kase.id;
    const stationBranch = subtypeWithChain(env, 'station,branch');
    const waiting = await submittedCase(env, stationBranch, 2);
    assert.equal((await (await as(env, DECIDER.station)).post(`/api/cases/${waiting.id}/review`)).status, 200);
    later(env, 25);
    const [scheduled] = serverTasks(env.config).filter((task) => task.name === 'warning-sweep');
    await createScheduler(env.ctx, [scheduled!], () => {}).tick();
    gulouWarning = (await warningsOf(env, kase.id))[0]!.id;
    branchWarning = (await warningsOf(env, waiting.id))[0]!.id;
  });
  after(async () => {
    await env.close();
  });

  it('lists warnings in sight, each reader their own units, with masked names only', async () => {
    const seen = async (user: string) => {
      const res = await (await as(env, user)).get('/api/warnings');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body.items as { id: string }[]).map((w) => w.id).sort();
    };
    const both = [gulouWarning, branchWarning].sort();
    for (const user of ['gulou.leader', 'echeng.reviewer', 'echeng.supervisor', 'city.approver', 'city.supervisor']) {
      assert.deepEqual(await seen(user), both, user);
    }
    for (const user of ['putuan.leader', 'huarong.reviewer']) assert.deepEqual(await seen(user), [], user);
    for (const user of ['gulou.officer', 'gulou.aux', 'sysadmin', 'auditadmin']) {
      assert.equal((await (await as(env, user)).get('/api/warnings')).status, 403, user);
    }
    const list = await (await as(env, 'city.supervisor')).get('/api/warnings');
    const item = (list.body.items as { id: string; case: { applicantName: string } }[]).find((w) => w.id === gulouWarning)!;
    assert.equal(item.case.applicantName, '张*');
    assert.doesNotMatch(JSON.stringify(list.body), /张三|\d{17}[\dX]/, 'no full name nor ID number');
    const listed = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'supervision.warning_list')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(listed.detail).warningIds.sort(), both, 'the look is recorded with what it returned');
  });

  it('filters by state, rule, unit, case and day, a page at a time', async () => {
    const city = await as(env, 'city.supervisor');
    const ids = async (query: string) => ((await city.get(`/api/warnings?${query}`)).body.items as { id: string }[]).map((w) => w.id);
    assert.deepEqual(await ids('rule=approval_overdue'), [branchWarning]);
    assert.deepEqual(await ids(`caseId=${caseId}`), [gulouWarning]);
    assert.deepEqual(await ids(`unitId=${await unitId(env, ECHENG)}`).then((x) => x.sort()), [gulouWarning, branchWarning].sort());
    assert.deepEqual(await ids(`unitId=${await unitId(env, '420703000000')}`), []);
    const paged = await city.get('/api/warnings?pageSize=1&page=2');
    assert.equal(paged.body.total, 2);
    assert.equal(paged.body.items.length, 1);
    const day = env.ctx.now().toISOString().slice(0, 10);
    assert.equal((await ids(`from=2020-01-01&to=2020-12-31`)).length, 0);
    assert.ok((await ids(`from=2020-01-01&to=${day}`)).length + (await ids(`from=${day}`)).length >= 2);
    assert.equal((await city.get('/api/warnings?state=bogus')).status, 400);
  });

  it('shows the case its open warnings, to whoever reads the case', async () => {
    const view = await (await as(env, 'gulou.officer')).get(`/api/cases/${caseId}`);
    assert.deepEqual(
      view.body.openWarnings.map((w: { id: string }) => w.id),
      [gulouWarning],
    );
  });

  it('refuses acts to whoever does not answer for the warning, and hides it from those who cannot see it', async () => {
    for (const user of ['echeng.reviewer', 'city.approver']) {
      const res = await (await as(env, user)).post(`/api/warnings/${gulouWarning}/acknowledge`);
      assert.equal(res.status, 403, user);
      assert.equal(res.body.error.details.reason, 'NOT_ANSWERABLE');
    }
    assert.equal((await (await as(env, 'putuan.leader')).post(`/api/warnings/${gulouWarning}/acknowledge`)).status, 404);
    assert.equal((await (await as(env, 'putuan.leader')).get(`/api/warnings/${gulouWarning}`)).status, 404);
    assert.equal((await (await as(env, 'gulou.officer')).post(`/api/warnings/${gulouWarning}/acknowledge`)).status, 403);
    // The branch answers for a case waiting at the branch: the station's leader sees it, does not close it.
    const leader = await as(env, 'gulou.leader');
    assert.equal((await leader.get(`/api/warnings/${branchWarning}`)).status, 200);
    assert.deepEqual((await leader.get(`/api/warnings/${branchWarning}`)).body.allowedActs, []);
    assert.equal((await leader.post(`/api/warnings/${branchWarning}/acknowledge`)).status, 403);
    assert.deepEqual((await (await as(env, 'echeng.supervisor')).get(`/api/warnings/${branchWarning}`)).body.allowedActs, ['acknowledge', 'resolve']);
  });

  it('acknowledged, then resolved with a note: each act in the log and the trail; nothing follows, and the fact raises nothing again', async () => {
    const leader = await as(env, 'gulou.leader');
    const acknowledged = await leader.post(`/api/warnings/${gulouWarning}/acknowledge`);
    assert.equal(acknowledged.status, 200, JSON.stringify(acknowledged.body));
    assert.equal(acknowledged.body.state, 'acknowledged');
    assert.equal(acknowledged.body.acknowledged.by.name, '李强（古楼所长）');
    assert.deepEqual(acknowledged.body.allowedActs, ['resolve']);
    assert.equal((await leader.post(`/api/warnings/${gulouWarning}/acknowledge`)).status, 409, 'acknowledged already');
    assert.equal((await leader.post(`/api/warnings/${gulouWarning}/resolve`, { note: '' })).status, 400, 'a note is required');
    const resolved = await leader.post(`/api/warnings/${gulouWarning}/resolve`, { note: '已督促窗口补录材料' });
    assert.equal(resolved.status, 200);
    assert.equal(resolved.body.state, 'resolved');
    assert.equal(resolved.body.resolved.note, '已督促窗口补录材料');
    assert.equal((await leader.post(`/api/warnings/${gulouWarning}/resolve`, { note: '再次' })).status, 409);

    const detail = await (await as(env, 'city.supervisor')).get(`/api/warnings/${gulouWarning}`);
    assert.deepEqual(
      detail.body.history.map((h: { action: string; actorName: string | null }) => [h.action, h.actorName]),
      [
        ['raise', null],
        ['acknowledge', '李强（古楼所长）'],
        ['resolve', '李强（古楼所长）'],
      ],
    );
    const trail = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'actor_id', 'reason', 'case_id'])
      .where('object_id', '=', gulouWarning)
      .where('outcome', '=', 'ok')
      .where('action', 'in', ['supervision.warning_raise', 'supervision.warning_acknowledge', 'supervision.warning_resolve'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      trail.map((e) => [e.action, e.case_id, e.reason]),
      [
        ['supervision.warning_raise', caseId, 'not_uploaded'],
        ['supervision.warning_acknowledge', caseId, null],
        ['supervision.warning_resolve', caseId, '已督促窗口补录材料'],
      ],
    );
    const refusals = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select('outcome')
      .where('object_id', '=', gulouWarning)
      .where('action', '=', 'supervision.warning_acknowledge')
      .where('outcome', '<>', 'ok')
      .execute();
    assert.ok(refusals.length >= 3, 'refused attempts are on the trail too');

    // A sweep from the start of time finds the resolved warning holding its fact.
    await env.ctx.db.kysely.deleteFrom('warning_sweep').execute();
    await sweepWarnings(env.ctx);
    assert.equal((await warningsOf(env, caseId)).length, 1);
    const open = await (await as(env, 'gulou.officer')).get(`/api/cases/${caseId}`);
    assert.deepEqual(open.body.openWarnings, [], 'resolved: no longer on the case page');
    assert.equal((await (await as(env, 'city.supervisor')).get('/api/warnings?state=resolved')).body.total, 1, 'it stays, resolved');
  });

  it('a retry with the same key answers the first result and records nothing new', async () => {
    const supervisor = await as(env, 'echeng.supervisor');
    const first = await supervisor.post(`/api/warnings/${branchWarning}/acknowledge`, {}, 'ack-once');
    const again = await supervisor.post(`/api/warnings/${branchWarning}/acknowledge`, {}, 'ack-once');
    assert.equal(first.status, 200);
    assert.deepEqual(again.body, first.body);
  });

  it('stops an act on a warning whose stored state differs from its log, and hukou verify names it', async () => {
    assert.deepEqual((await checkWarningProjections(env.ctx.db.kysely)).problems, []);
    await env.ctx.db.kysely.updateTable('warnings').set({ state: 'raised' }).where('id', '=', branchWarning).execute();
    const refused = await (await as(env, 'echeng.supervisor')).post(`/api/warnings/${branchWarning}/resolve`, { note: '处理' });
    assert.equal(refused.status, 500);
    assert.equal(refused.body.error.code, 'WARNING_STATE_DRIFT');
    const report = await verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs, { now: env.ctx.now() });
    const problems = report.problems.filter((p) => p.kind === 'warning_projection');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.where, new RegExp(branchWarning));
    assert.match(problems[0]!.message, /state="raised"/);
  });

  it('lets a city supervisor set the rules’ settings, within bounds; others read them', async () => {
    const read = await (await as(env, 'gulou.leader')).get('/api/supervision/policy');
    assert.equal(read.status, 200);
    assert.equal(read.body.rules.length, 7);
    assert.equal(read.body.canUpdate, false);
    assert.deepEqual([read.body.updatedBy, read.body.updatedByName], [null, null], 'nobody has set it yet');
    const bad = structuredClone(DEFAULT_SUPERVISION_POLICY) as unknown as { not_uploaded: { graceHours: number } };
    bad.not_uploaded.graceHours = 10_000;
    assert.equal((await putPolicy(env, 'city.supervisor', bad)).status, 400);
    assert.equal((await putPolicy(env, 'echeng.supervisor', DEFAULT_SUPERVISION_POLICY)).status, 403);
    const set = await putPolicy(env, 'city.supervisor', DEFAULT_SUPERVISION_POLICY);
    assert.equal(set.status, 200);
    assert.equal(set.body.defaults, false);
    assert.equal(set.body.canUpdate, true);
    assert.equal(set.body.updatedByName, '林慧（市局督查）');
    const reread = await (await as(env, 'gulou.leader')).get('/api/supervision/policy');
    assert.deepEqual([reread.body.updatedAt, reread.body.updatedByName], [set.body.updatedAt, '林慧（市局督查）'], 'who set it last, and when');
    assert.equal((await (await as(env, 'gulou.officer')).get('/api/supervision/policy')).status, 403);
  });
});

describe('the warning sweep on the schedule: every 15 minutes, once across processes, from where it stopped', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  it('runs when due by the test clock, once for several schedulers, and each run reads only what passed since the last', async () => {
    const [task] = serverTasks(env.config).filter((t) => t.name === 'warning-sweep');
    assert.ok(task);
    const schedulers = [createScheduler(env.ctx, [task], () => {}), createScheduler(env.ctx, [task], () => {})];
    const runs = async () =>
      (await env.ctx.db.kysely.selectFrom('scheduled_tasks').select('runs').where('name', '=', 'warning-sweep').executeTakeFirstOrThrow()).runs;
    const marks = () => env.ctx.db.kysely.selectFrom('warning_sweep').selectAll().executeTakeFirstOrThrow();
    await Promise.all(schedulers.map((s) => s.tick()));
    assert.equal(await runs(), 1);
    const first = await marks();

    const station = subtypeWithChain(env, 'station');
    const kase = await acceptSample(await as(env, 'gulou.officer'), station, 1);
    later(env, 0.2);
    await Promise.all(schedulers.map((s) => s.tick()));
    assert.equal(await runs(), 1, 'not due yet');
    later(env, 0.1);
    await Promise.all(schedulers.map((s) => s.tick()));
    assert.equal(await runs(), 2);
    const second = await marks();
    assert.equal(second.swept_until > first.swept_until, true);
    assert.equal(Date.parse(env.ctx.now().toISOString()) - Date.parse(second.swept_until) < 3 * 60_000, true, 'up to a couple of minutes ago');

    later(env, 24);
    await schedulers[1]!.tick();
    assert.equal(await runs(), 3);
    assert.deepEqual(rulesOf(await warningsOf(env, kase.id)), ['not_uploaded']);
  });
});
