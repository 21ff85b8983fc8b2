import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { createScheduler } from '../server/jobs/scheduler.ts';
import { serverTasks } from '../server/jobs/server-tasks.ts';
import { as } from './support/api.ts';
import { acceptSample, captureRequired, DECIDER, firstMaterialCode, subtypeWithChain } from './support/journey.ts';
import { sampleImage } from './support/sample-case.ts';
import { createTestEnv, TestClock, type TestEnv } from './support/test-context.ts';

const GULOU = '420704510000';
const PUTUAN = '420703510000';
const ECHENG = '420704000000';

function later(env: TestEnv, hours: number): void {
  env.clock.advanceHours(hours);
  env.forgetSessions();
}

async function ok(call: Promise<{ status: number; body: any }>) {
  const res = await call;
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}

/**
 * A constructed November 2026 with known answers. At 古楼 (station chain, capture limit 24 h, approval
 * limit 12 h): A accepted, captured, approved and completed; B nothing captured by the limit (未上传),
 * then a late 补录; C one page only by the limit (不齐全); D captured and submitted, left waiting past
 * the approval limit (审批超期 at the station); F accepted last, its limit not yet passed. An October
 * case captured in time does not count. At 蒲团: E captured in time.
 */
describe('monthly bulletin (月度通报): figures, score, scope, PDF and Excel', () => {
  // 23:00 on 31 October in Beijing.
  const clock = new TestClock(Date.parse('2026-10-31T15:00:00.000Z'));
  let env: TestEnv;

  before(async () => {
    env = await createTestEnv({ clock });
    const subtype = subtypeWithChain(env, 'station');
    const material = firstMaterialCode(subtype);
    let officer = await as(env, 'gulou.officer');
    const october = await acceptSample(officer, subtype, 1);
    await captureRequired(officer, october.id, subtype);

    later(env, 2); // 01:00 on 1 November
    officer = await as(env, 'gulou.officer');
    const a = await acceptSample(officer, subtype, 2);
    const b = await acceptSample(officer, subtype, 3);
    const c = await acceptSample(officer, subtype, 4);
    const d = await acceptSample(officer, subtype, 5);
    await captureRequired(officer, a.id, subtype);
    await ok(officer.upload(c.id, material, await sampleImage(9001)));
    await captureRequired(officer, d.id, subtype);
    for (const kase of [a, d]) {
      await ok(officer.post(`/api/cases/${kase.id}/verify`));
      await ok(officer.post(`/api/cases/${kase.id}/submit`));
    }
    await ok((await as(env, DECIDER.station)).post(`/api/cases/${a.id}/approve`, { comment: '同意' }));
    await ok(officer.post(`/api/cases/${a.id}/complete`));
    const putuan = await as(env, 'putuan.officer');
    const e = await acceptSample(putuan, subtype, 6);
    await captureRequired(putuan, e.id, subtype);

    later(env, 25); // 02:00 on 2 November: every limit above has passed
    const [sweep] = serverTasks(env.config).filter((task) => task.name === 'warning-sweep');
    await createScheduler(env.ctx, [sweep!], () => {}).tick();
    officer = await as(env, 'gulou.officer');
    await ok(officer.uploadTo(`/api/cases/${b.id}/images`, { materialCode: material, supplementReason: '申请人次日补交' }, await sampleImage(9002)));
    await acceptSample(officer, subtype, 7);
  });
  after(async () => {
    await env.close();
  });

  it('counts a station’s month and scores it by the documented formula', async () => {
    const bulletin = await ok((await as(env, 'gulou.leader')).get('/api/bulletins/2026-11'));
    assert.equal(bulletin.from, '2026-10-31T16:00:00.000Z');
    assert.equal(bulletin.complete, false, 'November is still running');
    assert.equal(bulletin.currentMonth, '2026-11');
    assert.deepEqual(
      bulletin.units.map((u: any) => u.unit.id),
      [GULOU],
      'a station leader reads the own station only',
    );
    const [gulou] = bulletin.units;
    assert.deepEqual(gulou.figures, {
      accepted: 5,
      completed: 1,
      captureDue: 4,
      capturedInTime: 3,
      nonCompliant: 2,
      supplementCases: 1,
      lateCases: 1,
      overdueApprovals: 1,
      spotChecked: 0,
      spotFindings: 0,
      spotChecksDone: 0,
    });
    assert.equal(gulou.inTimeRate, 0.75);
    // 30×1/4 + 25×2/5 + 15×1/5 + 10×1/5 + 10×1/5 = 7.5 + 10 + 3 + 2 + 2 = 24.5
    assert.deepEqual(gulou.deductions, {
      captureLate: 7.5,
      nonCompliant: 10,
      overdueApprovals: 3,
      lateCases: 2,
      supplementCases: 2,
      spotFindings: 0,
    });
    assert.equal(gulou.score, 75.5);
  });

  it('rolls branches and the city up over their stations; October is October', async () => {
    const branch = await ok((await as(env, 'echeng.reviewer')).get('/api/bulletins/2026-11'));
    assert.deepEqual(
      branch.units.map((u: any) => u.unit.id),
      [ECHENG, GULOU, '420704520000', '420704530000'],
    );
    assert.equal(branch.units[0].figures.accepted, 5);
    assert.equal(branch.units[0].score, 75.5, 'the branch’s only business is 古楼’s');
    const city = await ok((await as(env, 'city.supervisor')).get('/api/bulletins/2026-11'));
    assert.equal(city.units.length, 10);
    const byId = new Map(city.units.map((u: any) => [u.unit.id, u]));
    assert.equal((byId.get('420700000000') as any).figures.accepted, 6);
    assert.equal((byId.get('420700000000') as any).figures.capturedInTime, 4);
    assert.deepEqual((byId.get(PUTUAN) as any).figures.accepted, 1);
    assert.equal((byId.get(PUTUAN) as any).score, 100);
    const october = await ok((await as(env, 'gulou.leader')).get('/api/bulletins/2026-10'));
    assert.equal(october.complete, true);
    assert.equal(october.currentMonth, '2026-11', 'the month it is now, whichever month is read');
    assert.deepEqual(
      { accepted: october.units[0].figures.accepted, inTime: october.units[0].figures.capturedInTime, score: october.units[0].score },
      { accepted: 1, inTime: 1, score: 100 },
    );
  });

  it('refuses a month not yet begun, a malformed month, and readers who are not leaders or supervisors', async () => {
    const leader = await as(env, 'gulou.leader');
    const future = await leader.get('/api/bulletins/2026-12');
    assert.equal(future.status, 422);
    assert.equal(future.body.error.code, 'BULLETIN_MONTH_NOT_STARTED');
    assert.equal(future.body.error.details.currentMonth, '2026-11', 'the refusal names the month it is');
    for (const month of ['2026-13', '2026-1', 'abc', '2026-11-01']) {
      assert.equal((await leader.get(`/api/bulletins/${month}`)).status, 400, month);
    }
    assert.equal((await (await as(env, 'gulou.officer')).get('/api/bulletins/2026-11')).status, 403);
    assert.equal((await (await as(env, 'sysadmin')).get('/api/bulletins/2026-11/pdf')).status, 403);
  });

  it('prints a PDF whose Chinese text and figures can be read back', async () => {
    const res = await (await as(env, 'echeng.reviewer')).get('/api/bulletins/2026-11/pdf');
    assert.equal(res.status, 200);
    assert.equal(res.raw.headers['content-type'], 'application/pdf');
    assert.match(String(res.raw.headers['content-disposition']), /^attachment; filename="bulletin-2026-11-420704000000\.pdf"; filename\*=UTF-8''/);
    const file = path.join(env.dir, 'bulletin.pdf');
    fs.writeFileSync(file, res.raw.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      '鄂城分局',
      '户政业务电子档案月度通报',
      '2026年11月',
      '古楼派出所',
      '官柳派出所',
      '考核得分',
      '75.5',
      '75.0%',
      '生成人：吴磊（鄂城分局）',
    ]) {
      assert.ok(text.includes(expected), `${expected} in:\n${text}`);
    }
    const gulouLine = text.split('\n').find((line) => line.includes('古楼派出所'));
    assert.deepEqual(gulouLine?.trim().split(/\s+/).slice(1), ['5', '1', '4', '3', '75.0%', '2', '1', '1', '1', '0', '0', '0', '75.5']);
  });

  it('writes one Excel sheet with Chinese headings and numbers as numbers', async () => {
    const res = await (await as(env, 'city.supervisor')).get('/api/bulletins/2026-11/xlsx');
    assert.equal(res.status, 200);
    assert.equal(res.raw.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets.length, 1);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.name, '月度通报');
    assert.equal(sheet.getCell(1, 1).value, '户政业务电子档案月度通报 2026年11月');
    const headings = (sheet.getRow(4).values as unknown[]).slice(1);
    assert.deepEqual(headings, [
      '单位代码',
      '单位',
      '层级',
      '受理',
      '办结',
      '应采集',
      '按时采集',
      '按时率',
      '不合规',
      '补录',
      '超期上传',
      '审批超期',
      '被抽查',
      '抽查问题',
      '开展抽查',
      '考核得分',
    ]);
    let gulou: unknown[] | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === GULOU) gulou = (row.values as unknown[]).slice(1);
    });
    assert.deepEqual(gulou, [GULOU, '古楼派出所', '派出所', 5, 1, 4, 3, 0.75, 2, 1, 1, 1, 0, 0, 0, 75.5]);
  });

  it('records every reading in the trail, with the month, the format and the units shown', async () => {
    const events = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'object_id', 'outcome', 'reason', 'detail'])
      .where('action', 'in', ['supervision.bulletin_view', 'supervision.bulletin_export'])
      .orderBy('seq')
      .execute();
    const pdf = events.find((e) => e.action === 'supervision.bulletin_export' && JSON.parse(e.detail).format === 'pdf');
    assert.ok(pdf, 'the PDF export is recorded');
    assert.equal(pdf.object_id, '2026-11');
    assert.deepEqual(JSON.parse(pdf.detail).unitIds, [ECHENG, GULOU, '420704520000', '420704530000']);
    assert.ok(events.some((e) => e.outcome === 'refused' && e.reason === 'BULLETIN_MONTH_NOT_STARTED'));
    assert.ok(events.some((e) => e.outcome === 'denied' && e.reason === 'ROLE_NOT_PERMITTED'));
  });

  // Last: it moves the clock to December.
  it('names the current month in Beijing time: at 00:30 on 1 December there, still November in UTC', async () => {
    later(env, (Date.parse('2026-11-30T16:30:00.000Z') - env.ctx.now().getTime()) / 3_600_000);
    assert.equal(env.ctx.now().toISOString().slice(0, 13), '2026-11-30T16');
    const december = await ok((await as(env, 'gulou.leader')).get('/api/bulletins/2026-12'));
    assert.equal(december.currentMonth, '2026-12');
    assert.equal(december.complete, false);
    assert.equal((await ok((await as(env, 'gulou.leader')).get('/api/bulletins/2026-11'))).complete, true);
  });
});
