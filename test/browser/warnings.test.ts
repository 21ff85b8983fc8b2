import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sweepWarnings } from '../../server/modules/supervision/sweep-warnings.ts';
import { as } from '../support/api.ts';
import { acceptSample, DECIDER, inThePast, submittedCase, subtypeWithChain } from '../support/journey.ts';
import type { TestEnv } from '../support/test-context.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

describe('browser: 预警, from the sweep to resolved', () => {
  let web: WebEnv;
  let env: TestEnv;
  let empty: { id: string; caseNo: string };
  let waiting: { id: string; caseNo: string };

  before(async () => {
    web = await startWebEnv();
    env = web.env;
    // 30 hours ago: a case accepted and never captured, and one sent to the branch; both now late.
    await inThePast(env, 30, async () => {
      empty = await acceptSample(await as(env, 'gulou.officer'), subtypeWithChain(env, 'station'), 1);
      waiting = await submittedCase(env, subtypeWithChain(env, 'station,branch'), 2);
      const review = await (await as(env, DECIDER.station)).post(`/api/cases/${waiting.id}/review`);
      assert.equal(review.status, 200);
    });
    await sweepWarnings(env.ctx);
  });
  after(async () => {
    await web.close();
  });

  it('a branch supervisor sees the warnings of the branch, acknowledges one and resolves it with a note', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.supervisor');
    await page.getByRole('link', { name: '预警', exact: true }).click();
    await page.waitForURL('**/warnings');
    const table = page.getByTestId('warnings-table');
    const row = table.locator('tbody tr').filter({ hasText: empty.caseNo });
    await row.getByText('未上传', { exact: true }).waitFor();
    await row.getByText('张*').waitFor();
    await row.getByText(/仍未上传任何材料/).waitFor();
    await table.locator('tbody tr').filter({ hasText: waiting.caseNo }).getByText('审批超期').waitFor();
    await table
      .locator('tbody tr')
      .filter({ hasText: waiting.caseNo })
      .getByText(/在分局超过审批期限/)
      .waitFor();
    assert.equal(await row.locator('[data-state="raised"]').innerText(), '待确认');
    await assertAccessible(page, 'warnings (branch supervisor)');
    await screenshot(page, 'warnings.supervisor.zh-CN.1366');

    await row.getByRole('button', { name: `确认预警 未上传 ${empty.caseNo}` }).click();
    const acknowledge = await standingDialog(page, '确认预警');
    await acknowledge.getByText(/古楼派出所已知悉此预警/).waitFor();
    await acknowledge.getByRole('button', { name: /确\s*认/ }).click();
    await acknowledge.waitFor({ state: 'hidden' });
    await page.getByText('已确认该预警').waitFor();
    await row.locator('[data-state="acknowledged"]').getByText('已确认').waitFor();
    await row.getByText(/孙涛（鄂城分局督查） 于 .* 确认/).waitFor();

    await row.getByRole('button', { name: `处理完毕 未上传 ${empty.caseNo}` }).click();
    const resolve = await standingDialog(page, /处理完毕/);
    await resolve.getByRole('button', { name: /处理完毕/ }).click();
    await resolve.getByText('请填写处理情况').waitFor();
    await resolve.getByLabel('处理情况').fill('已督促窗口当日补录材料并核对原件');
    await screenshot(page, 'warnings.resolve.zh-CN.1366');
    await resolve.getByRole('button', { name: /处理完毕/ }).click();
    await resolve.waitFor({ state: 'hidden' });
    await page.getByText('该预警已处理完毕').waitFor();
    // Not yet resolved is the default list: the resolved one has left it; "all" shows it with its note.
    await row.waitFor({ state: 'detached' });
    await page.getByRole('search').getByLabel('状态').click();
    await page.getByTitle('全部', { exact: true }).click();
    await page
      .getByRole('search')
      .getByRole('button', { name: /查\s*询/ })
      .click();
    await page.waitForURL('**/warnings?state=all');
    await row.locator('[data-state="resolved"]').getByText('已处理').waitFor();
    await screenshot(page, 'warnings.resolved.zh-CN.1366');

    const stored = await env.ctx.db.kysely.selectFrom('warnings').selectAll().where('case_id', '=', empty.id).executeTakeFirstOrThrow();
    assert.equal(stored.state, 'resolved');
    assert.equal(stored.resolution_note, '已督促窗口当日补录材料并核对原件');
    await context.close();
  });

  it('shows the case page its open warnings, and the station leader the way to them', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.leader');
    await page.goto(`/cases/${waiting.id}`);
    const alert = page.getByTestId('case-warnings');
    await alert.getByText('本业务有 1 条预警尚未处理完毕').waitFor();
    await alert.getByText('审批超期').waitFor();
    await assertAccessible(page, 'case page with a warning');
    await screenshot(page, 'warnings.case-page.zh-CN.1366');
    await alert.getByRole('button', { name: '查看预警' }).click();
    await page.waitForURL(`**/warnings?caseId=${waiting.id}`);
    const rows = page.getByTestId('warnings-table').locator('tbody tr[data-row-key]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    // The branch answers for it: the station's leader reads it and has no act on it.
    assert.equal(await rows.first().getByRole('button').count(), 0);
    await context.close();
  });

  it('reads in English', async () => {
    const { context, page } = await openPage(web, { locale: 'en' });
    await signIn(page, 'city.supervisor');
    await page.goto('/warnings?state=all');
    await page.getByTestId('warnings-table').getByText('Approval overdue').waitFor();
    await page.getByText(/Still waiting past the approval limit .*, at level: Branch/).waitFor();
    await screenshot(page, 'warnings.city-supervisor.en.1366');
    await context.close();
  });
});
