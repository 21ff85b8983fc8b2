import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { as } from '../support/api.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

const RULE_NAMES = ['未上传', '档案不齐全', '超期上传', '补录', '审批超期', '协警越权操作', '图像重复使用'];

describe('browser: 预警设置, the warning rules’ settings', () => {
  let web: WebEnv;

  before(async () => {
    web = await startWebEnv();
  });
  after(async () => {
    await web.close();
  });

  const stored = async () => (await (await as(web.env, 'city.supervisor')).get('/api/supervision/policy')).body;

  it('the city supervisor changes a rule’s hours, saves, finds them kept after a reload, and is stopped out of range', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'city.supervisor');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '预警设置' }).click();
    await page.waitForURL('**/warnings/policy');
    await page.getByTestId('warning-policy-defaults').waitFor();
    const form = page.getByTestId('warning-policy-form');
    for (const name of RULE_NAMES) await form.getByText(name, { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: '保存设置' }).isDisabled(), true, 'nothing to save yet');
    await assertAccessible(page, 'warning settings (city supervisor)');
    await screenshot(page, 'warning-policy.supervisor.zh-CN.1366');

    // A rule switched off says so on its card; switched on again, nothing is left to save.
    const reuse = page.getByTestId('rule-image_reuse');
    await reuse.getByRole('switch', { name: '启用“图像重复使用”预警' }).click();
    await reuse.getByText('已停用：此类情况不再产生预警。').waitFor();
    await reuse.getByText('已停用', { exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays on top in a full-page picture
    await screenshot(page, 'warning-policy.rule-off.zh-CN.1366');
    await reuse.getByRole('switch', { name: '启用“图像重复使用”预警' }).click();
    await reuse.getByText('已停用：此类情况不再产生预警。').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: '保存设置' }).isDisabled(), true, 'back as it was');

    const grace = page.getByTestId('rule-not_uploaded').getByLabel('宽限时间');
    assert.equal(await grace.inputValue(), '0');
    await grace.fill('4');
    await page.getByText(/有尚未保存的修改/).waitFor();
    await page.getByRole('button', { name: '保存设置' }).click();
    const confirm = await standingDialog(page, '保存新的预警设置？');
    await confirm.getByText(/已经产生的预警保持原样/).waitFor();
    await screenshot(page, 'warning-policy.confirm.zh-CN.1366');
    await confirm.getByRole('button', { name: '保存设置' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('预警设置已保存。已经产生的预警保持不变。').waitFor();
    await page
      .getByTestId('warning-policy-updated')
      .getByText(/^最近修改：林慧（市局督查），\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      .waitFor();
    assert.equal((await stored()).policy.not_uploaded.graceHours, 4);

    await page.reload();
    await page.getByTestId('warning-policy-updated').waitFor();
    assert.equal(await page.getByTestId('rule-not_uploaded').getByLabel('宽限时间').inputValue(), '4', 'kept after a reload');

    // Out of range: said under the field, in Chinese, as typed; the number stays as typed and nothing is sent.
    const overdue = page.getByTestId('rule-approval_overdue');
    const atBranch = overdue.getByLabel('在分局');
    await atBranch.fill('800');
    await atBranch.blur();
    await overdue.getByText('请填写整数，可填 0 至 720 小时').waitFor();
    assert.equal(await atBranch.inputValue(), '800');
    await page.getByRole('button', { name: '保存设置' }).click();
    await overdue.getByText('请填写整数，可填 0 至 720 小时').waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, 'no confirmation while a field is out of range');
    await screenshot(page, 'warning-policy.out-of-range.zh-CN.1366');

    // A refusal by the server shows in the confirmation, in Chinese, and what was typed stays. The body
    // is altered on its way out (past the bound the form checks), so the real server refuses it.
    await atBranch.fill('6');
    await page.route('**/api/supervision/policy', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}') as { approval_overdue: { hoursOverdue: { branch: number } } };
      body.approval_overdue.hoursOverdue.branch = 10_000;
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByRole('button', { name: '保存设置' }).click();
    const refused = await standingDialog(page, '保存新的预警设置？');
    await refused.getByRole('button', { name: '保存设置' }).click();
    await refused.getByRole('alert').getByText('请求内容不符合要求').waitFor();
    await screenshot(page, 'warning-policy.refused.zh-CN.1366');
    await refused.getByRole('button', { name: /取\s*消/ }).click();
    await refused.waitFor({ state: 'hidden' });
    await page.unroute('**/api/supervision/policy');
    assert.equal(await atBranch.inputValue(), '6', 'what was typed is kept');
    await page.getByText(/有尚未保存的修改/).waitFor();
    assert.equal((await stored()).policy.approval_overdue.hoursOverdue.branch, 0, 'nothing refused was stored');
    await context.close();
  });

  it('others who read warnings see the settings read-only; a window officer has no menu entry for them', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.supervisor');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '预警设置' }).click();
    await page.getByTestId('warning-policy-read-only').waitFor();
    await page
      .getByTestId('warning-policy-updated')
      .getByText(/林慧（市局督查）/)
      .waitFor();
    assert.equal(await page.getByRole('button', { name: '保存设置' }).count(), 0);
    assert.equal(await page.getByTestId('rule-not_uploaded').getByLabel('宽限时间').inputValue(), '4');
    assert.equal(await page.getByTestId('rule-not_uploaded').getByLabel('宽限时间').isEditable(), false);
    assert.equal(await page.getByRole('switch', { name: '启用“未上传”预警' }).isDisabled(), true);
    await assertAccessible(page, 'warning settings (read-only)');
    await screenshot(page, 'warning-policy.read-only.zh-CN.1366');
    await context.close();

    const officer = await openPage(web);
    await signIn(officer.page, 'gulou.officer');
    const menu = officer.page.getByRole('navigation', { name: '主菜单' });
    await menu.getByRole('link', { name: '工作台' }).waitFor();
    assert.equal(await menu.getByRole('link', { name: /预警/ }).count(), 0);
    await officer.page.goto('/warnings/policy');
    await officer.page.getByText('无权访问').waitFor();
    await officer.context.close();
  });

  it('reads well in English', async () => {
    const { context, page } = await openPage(web, { locale: 'en' });
    await signIn(page, 'city.supervisor');
    await page.goto('/warnings/policy');
    await page.getByRole('heading', { name: 'Warning settings' }).waitFor();
    await page.getByTestId('rule-approval_overdue').getByText('Grace per level').waitFor();
    await page
      .getByTestId('warning-policy-updated')
      .getByText(/^Last changed by /)
      .waitFor();
    await assertAccessible(page, 'warning settings (English)');
    await screenshot(page, 'warning-policy.supervisor.en.1366');
    await context.close();
  });
});
