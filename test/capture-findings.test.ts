import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { as, type Client } from './support/api.ts';
import { documentPage } from './support/document-images.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv, TestClock } from './support/test-context.ts';

async function ok(call: Promise<{ status: number; body: any }>) {
  const res = await call;
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}

const GULOU = { id: '420704510000', name: '古楼派出所' };
const PUTUAN = { id: '420703510000', name: '蒲团派出所' };

/** The page just captured: the last of the material in the answer. */
const lastPage = (kase: { images: { id: string }[] }) => kase.images.at(-1)!.id;

/**
 * 补录, 超期上传, pages kept despite warnings and reuse findings are counted for supervision: the
 * supervisor's workbench gives them per unit in scope for the month so far, in Beijing time.
 */
describe('capture findings counted for supervision', () => {
  // 23:00 on 31 October in Beijing: what is captured now belongs to last month.
  const clock = new TestClock(Date.parse('2026-10-31T15:00:00.000Z'));
  let env: TestEnv;

  before(async () => {
    env = await createTestEnv({ clock });
    const subtype = subtypeWithChain(env, 'station');
    const material = firstMaterialCode(subtype);
    const gulou = await as(env, 'gulou.officer');
    const pages = {
      lastMonth: await documentPage({ seed: 1, template: 'hukou-page', dpi: 150 }),
      kept: await documentPage({ seed: 2, template: 'register-form', dpi: 100 }),
      removed: await documentPage({ seed: 3, template: 'id-card', dpi: 150 }),
      supplement: await documentPage({ seed: 4, template: 'application-letter', dpi: 100 }),
    };
    const kase = await acceptSample(gulou, subtype, 1);
    await ok(gulou.upload(kase.id, material, pages.lastMonth));

    clock.advanceHours(1.5); // 00:30 on 1 November in Beijing
    env.forgetSessions();
    const officer: Client = await as(env, 'gulou.officer');
    const kept = lastPage(await ok(officer.upload(kase.id, material, pages.kept)));
    await ok(officer.post(`/api/cases/${kase.id}/images/${kept}/quality-override`, { reason: '原件本身字迹较淡' }));
    const removed = lastPage(await ok(officer.upload(kase.id, material, pages.removed)));
    await ok(officer.post(`/api/cases/${kase.id}/images/${removed}/remove`, { reason: '材料放错类别' }));

    clock.advanceHours(24); // past the capture limit: what comes now is 补录, and late
    env.forgetSessions();
    const late = await as(env, 'gulou.officer');
    await ok(late.uploadTo(`/api/cases/${kase.id}/images`, { materialCode: material, supplementReason: '申请人次日补交' }, pages.supplement));

    // Another person's case at another station, with the very page kept at 古楼.
    const other = await acceptSample(await as(env, 'putuan.officer'), subtype, 2);
    const reused = await ok((await as(env, 'putuan.officer')).upload(other.id, material, pages.kept));
    assert.equal(reused.images.at(-1).reuse.length, 1, 'the repeated page is found');
  });
  after(async () => {
    await env.close();
  });

  it('counts per unit in scope the pages of this month, with 补录, late pages, overrides and reuse', async () => {
    const branch = await ok((await as(env, 'echeng.supervisor')).get('/api/workbench'));
    assert.equal(branch.captureFindings.since, '2026-10-31T16:00:00.000Z', 'the month began at midnight in Beijing');
    assert.deepEqual(branch.captureFindings.byUnit, [
      { unit: GULOU, pages: 2, supplementPages: 1, latePages: 1, qualityOverrides: 1, reusedPages: 0 },
    ]);
    const city = await ok((await as(env, 'city.supervisor')).get('/api/workbench'));
    assert.deepEqual(city.captureFindings.byUnit, [
      { unit: PUTUAN, pages: 1, supplementPages: 0, latePages: 0, qualityOverrides: 0, reusedPages: 1 },
      { unit: GULOU, pages: 2, supplementPages: 1, latePages: 1, qualityOverrides: 1, reusedPages: 0 },
    ]);
  });

  it('gives them to supervisors only', async () => {
    for (const user of ['gulou.officer', 'gulou.leader', 'echeng.reviewer', 'city.approver']) {
      assert.equal((await ok((await as(env, user)).get('/api/workbench'))).captureFindings, null, user);
    }
  });
});
