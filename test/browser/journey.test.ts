import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCitizenId } from '../../server/modules/population/demo-people.ts';
import { as } from '../support/api.ts';
import { allSubtypes } from '../support/journey.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

/**
 * One case through every hand, in the browser: the window accepts a 派出所 → 分局 → 市局 case and
 * captures it with the document camera, the station leader, the branch reviewer and the city approver
 * decide it from their inboxes, the window completes it, the auxiliary finds nothing to decide and is
 * refused when it tries anyway, and the audit administrator finds every step in the trail.
 */
const SUBTYPE = '1002'; // 错误注销恢复户口: station, branch, city
const PERSON_ID = demoCitizenId('420704', '1979-08-21', 31, 'female');
const HOUSEHOLDER_ID = demoCitizenId('420704', '1975-02-14', 32, 'male');

async function confirmAct(page: Page, act: RegExp | string, opinion?: string) {
  await page.getByRole('button', { name: act }).first().click();
  const dialog = await standingDialog(page);
  if (opinion) await dialog.getByRole('textbox').fill(opinion);
  await dialog.getByRole('button', { name: act }).click();
  try {
    await dialog.waitFor({ state: 'hidden' });
  } catch (error) {
    await screenshot(page, 'journey.failure');
    throw error;
  }
}

/** The decider finds the case in their inbox on the workbench (待审核 or 待审批) and opens it from there. */
async function openFromInbox(page: Page, caseNo: string, group: 'toReview' | 'toApprove') {
  await page.goto('/');
  await page.getByTestId(`tab-${group}`).click();
  const row = page.getByTestId(`workbench-table-${group}`).getByRole('row').filter({ hasText: caseNo });
  await row.waitFor();
  await row.getByRole('link', { name: caseNo }).click();
  await page.getByTestId('case-no').filter({ hasText: caseNo }).waitFor();
}

describe('browser: one case through every hand', () => {
  let web: WebEnv;
  let caseId = '';
  let caseNo = '';
  before(async () => {
    web = await startWebEnv();
  });
  after(async () => {
    await web.close();
  });

  it('the window accepts a station → branch → city case, captures it with the camera, verifies and submits', async () => {
    const subtype = allSubtypes(web.env).find((s) => s.code === SUBTYPE);
    assert.deepEqual(subtype?.approvalChain, ['station', 'branch', 'city']);
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.officer');
    await page.getByRole('link', { name: '业务受理' }).click();

    const search = page.getByRole('combobox', { name: '搜索业务小类' });
    await search.fill(SUBTYPE);
    await search.press('Enter');
    await page.getByLabel('申请人姓名').fill('刘芳');
    await page.getByLabel('申请人公民身份号码').fill(PERSON_ID);
    await page.getByText('出生日期 1979-08-21 · 女').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByLabel('当事人姓名').fill('刘芳');
    await page.getByLabel('当事人公民身份号码').fill(PERSON_ID);
    await page.getByLabel('注销日期').fill('2025-03-02');
    await page.getByLabel('注销日期').press('Enter');
    await page.getByLabel('原注销原因').fill('误报死亡');
    await page.getByLabel('户主公民身份号码').fill(HOUSEHOLDER_ID);
    await page.getByLabel('与户主关系').click();
    await page.getByLabel('与户主关系').fill('配偶');
    await page.getByLabel('与户主关系').press('Enter');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '受 理' }).click();
    await (await standingDialog(page)).getByRole('button', { name: '确认受理' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/capture$/);
    caseId = /\/cases\/([0-9a-f-]{36})\/capture$/.exec(page.url())?.[1] ?? '';
    assert.ok(caseId);

    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    for (const material of subtype.materials.filter((m) => m.required)) {
      await page.getByTestId(`material-${material.code}`).click();
      for (let n = 1; n <= material.minPages; n++) {
        await page.keyboard.press('Space');
        await page.waitForFunction((count) => document.querySelectorAll('[data-testid="staged-page"]').length === count, n);
      }
      // Leaving with pages not yet uploaded asks first; staying keeps them.
      if (material.code === subtype.materials.find((m) => m.required)?.code) {
        await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '工作台' }).click();
        const leave = await standingDialog(page, '还有未上传的页面');
        await screenshot(page, 'journey.capture-leave-warning.zh-CN.1366');
        await leave.getByRole('button', { name: '留在本页' }).click();
        await leave.waitFor({ state: 'hidden' });
        assert.match(page.url(), /\/capture$/);
        assert.equal(await page.getByTestId('staged-page').count(), material.minPages);
      }
      await page.getByRole('button', { name: /上传 \d+ 页/ }).click();
      await page.getByTestId(`material-${material.code}`).and(page.locator('[data-complete="true"]')).waitFor();
    }
    await page.getByTestId('checklist-summary').filter({ hasText: '必需材料已采集齐全' }).waitFor();
    await confirmAct(page, '核对原件');
    await page.getByText('已核准').first().waitFor();
    await confirmAct(page, /呈\s*报/);
    await page.getByText('审批中').first().waitFor();
    await screenshot(page, 'journey.submitted.zh-CN.1366');

    const view = (await (await as(web.env, 'gulou.officer')).get(`/api/cases/${caseId}`)).body;
    assert.equal(view.status, 'submitted');
    assert.equal(view.pendingLevel, 'station');
    caseNo = view.caseNo;
    await context.close();
  });

  it('the auxiliary finds no decision to press, and the server refuses one sent anyway', async () => {
    assert.ok(caseId);
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.aux');
    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('case-no').filter({ hasText: caseNo }).waitFor();
    for (const act of [/审核通过/, /审批通过/, /^退\s*回$/, /^核\s*准$/, /^呈\s*报$/]) {
      assert.equal(await page.getByRole('button', { name: act }).count(), 0, String(act));
    }
    // Forced from the same browser session, with its own CSRF token: refused as not permitted, and recorded.
    const forced = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/cases/${id}/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'idempotency-key': 'journey-forced-review' },
        body: '{}',
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string; details: { reason?: string } } } };
    }, caseId);
    assert.equal(forced.status, 403);
    assert.equal(forced.body.error.details.reason, 'AUXILIARY_NOT_PERMITTED');
    await screenshot(page, 'journey.auxiliary.zh-CN.1366');
    await context.close();
  });

  it('the station leader, the branch reviewer and the city approver decide it from their inboxes', async () => {
    for (const [username, group, act, opinion, next] of [
      ['gulou.leader', 'toReview', '审核通过', '情况属实，同意', 'branch'],
      ['echeng.reviewer', 'toReview', '审核通过', '材料齐全，同意上报', 'city'],
      ['city.approver', 'toApprove', '审批通过', '同意恢复户口', null],
    ] as const) {
      const { context, page } = await openPage(web);
      await signIn(page, username);
      await openFromInbox(page, caseNo, group);
      await assertAccessible(page, `case page for ${username}`);
      await confirmAct(page, act, opinion);
      const view = (await (await as(web.env, 'gulou.officer')).get(`/api/cases/${caseId}`)).body;
      assert.equal(view.pendingLevel, next, `after ${username}`);
      if (!next) assert.equal(view.status, 'approved');
      await screenshot(page, `journey.decided-by-${username}.zh-CN.1366`);
      await context.close();
    }
  });

  it('the window completes it', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.officer');
    await page.goto(`/cases/${caseId}`);
    await confirmAct(page, /办\s*结/);
    await page.getByTestId('case-status').getByText('已办结').waitFor();
    await page.getByRole('tab', { name: '办理轨迹' }).click();
    const timeline = page.getByTestId('timeline');
    for (const step of ['受理', '核准原件', '呈报', '审核通过', '审批通过', '办结'])
      await timeline.getByText(step, { exact: true }).first().waitFor();
    await timeline.getByText('意见：同意恢复户口').waitFor();
    await screenshot(page, 'journey.completed.timeline.zh-CN.1366');
    await context.close();
  });

  it('the audit administrator sees all of it in the trail, the refused review included', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'auditadmin');
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    await page.getByLabel('业务 ID').fill(caseId);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(new RegExp(`caseId=${caseId}`));
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    await screenshot(page, 'journey.audit.zh-CN.1366');
    // Every step of the case is in the trail, attributed to the person who took it.
    const trail = await (await as(web.env, 'auditadmin')).get(`/api/audit/events?caseId=${caseId}&limit=200`);
    const steps = trail.body.events.map(
      (e: { action: string; outcome: string; actorUsername: string }) => `${e.action} ${e.outcome} ${e.actorUsername}`,
    );
    for (const step of [
      'case.capture ok gulou.officer',
      'case.verify ok gulou.officer',
      'case.submit ok gulou.officer',
      'case.review denied gulou.aux',
      'case.review ok gulou.leader',
      'case.review ok echeng.reviewer',
      'case.approve ok city.approver',
      'case.complete ok gulou.officer',
      'case.materials_open ok city.approver',
    ]) {
      assert.ok(steps.includes(step), `${step} in ${steps.join(', ')}`);
    }
    // The reviews, the refused one included, as the page shows them.
    await page.goto(`/audit?caseId=${caseId}&action=case.review`);
    const reviews = table.locator('tbody tr[data-row-key]');
    await reviews.filter({ hasText: 'gulou.aux' }).filter({ hasText: '拒绝访问' }).waitFor();
    await reviews.filter({ hasText: 'gulou.leader' }).waitFor();
    await reviews.filter({ hasText: 'echeng.reviewer' }).waitFor();
    assert.equal(await reviews.count(), 3);
    await assertAccessible(page, 'audit trail filtered by case');
    await context.close();
  });
});
