import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_SECURITY_POLICY } from '../../server/modules/org/security-policy.ts';
import { as } from '../support/api.ts';
import { dropAppendOnlyGuards } from '../support/tamper.ts';
import { assertAccessible, openPage, screenshot, settle, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

const NEW_USER = 'gulou.newofficer';
const NEW_PASSWORD = 'Xinmin#2026ok';

/**
 * Picks an option of an antd Select or TreeSelect, typing part of it first where it can be searched,
 * and waits until the field shows it. A click that lands while the list is still being filtered
 * can miss; it is tried again, as a person would.
 */
async function choose(page: Page, scope: Page | Locator, label: string, typed: string | null, option: string): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  // The chosen option's text is the title of the element around the input.
  const shown = field.locator(`xpath=parent::*[@title=${JSON.stringify(option)}]`);
  for (let attempt = 1; ; attempt++) {
    await field.click();
    if (typed !== null) await field.fill(typed);
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).first().click();
    try {
      await shown.waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Presses a button of the dialog with this text once the dialog has finished opening: a dialog
 * reopened while its last closing is still animating takes no click until it stands.
 */
async function confirmIn(page: Page, dialogText: string, button: string | RegExp): Promise<void> {
  await (await standingDialog(page, dialogText)).getByRole('button', { name: button }).click();
}

/** The row of an account in the accounts table. */
function accountRow(page: Page, username: string) {
  return page.getByTestId('accounts-table').locator('tbody tr').filter({ hasText: username });
}

/** Reads the temporary password from the once-only dialog, then closes it. */
async function takeTemporaryPassword(page: Page, shot?: string): Promise<string> {
  const dialog = page.getByRole('dialog').filter({ hasText: '临时密码' });
  await dialog.getByText('只显示这一次').waitFor();
  const password = (await dialog.getByTestId('temporary-password').innerText()).trim();
  assert.ok(password.length >= 8, password);
  if (shot) await screenshot(page, shot);
  await dialog.getByRole('button', { name: '我已记下，关闭' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return password;
}

describe('browser: the three administrators', () => {
  let web: WebEnv;
  let temporary = '';
  before(async () => {
    web = await startWebEnv();
  });
  after(async () => {
    await web.close();
  });

  it('the system administrator keeps the unit tree: a new station under a branch, then a rename', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'sysadmin');
    await page.waitForURL('**/admin/units');
    const table = page.getByTestId('units-table');
    await table.getByText('古楼派出所').waitFor();
    await assertAccessible(page, 'units page');
    await screenshot(page, 'admin.units.zh-CN.1366');

    await page.getByRole('button', { name: /新建下级（鄂城分局下的派出所）/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建派出所' });
    await dialog.getByLabel('单位代码').fill('420704990000');
    await dialog.getByLabel('单位名称').fill('凤凰派出所');
    await dialog.getByLabel('英文名称').fill('Fenghuang Police Station');
    await dialog.getByLabel('业务编号前缀').fill('201');
    await dialog.getByRole('button', { name: '创建单位' }).click();
    // The prefix is 古楼's: the server's reason appears in the dialog, which stays for a correction.
    await dialog.getByRole('alert').filter({ hasText: '业务编号前缀已被其他单位使用' }).waitFor();
    await dialog.getByLabel('业务编号前缀').fill('299');
    await dialog.getByRole('button', { name: '创建单位' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.getByText('凤凰派出所').waitFor();

    await page.getByRole('button', { name: '更名（凤凰派出所）' }).click();
    const rename = await standingDialog(page, '单位更名');
    await rename.getByLabel('单位名称').fill('凤凰街派出所');
    await rename.getByRole('button', { name: '保存名称' }).click();
    await table.getByText('凤凰街派出所').waitFor();
    await context.close();
  });

  it('the system administrator opens an account, resets its password, and sees each temporary password once', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'sysadmin');
    await page.goto('/admin/users');
    await accountRow(page, 'gulou.officer2').waitFor();
    await assertAccessible(page, 'accounts page (system administrator)');
    await screenshot(page, 'admin.users.sysadmin.zh-CN.1366');

    await page.getByRole('button', { name: '新建账户' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建业务账户' });
    await assertAccessible(page, 'new account dialog');
    await dialog.getByLabel('用户名').fill(NEW_USER);
    await dialog.getByLabel('姓名').fill('周新（古楼窗口）');
    // The roles offered follow the unit chosen: a station's.
    await choose(page, dialog, '所属单位', '古楼', '古楼派出所');
    await dialog.getByText('可选的角色与所选单位的层级相符').waitFor();
    await choose(page, dialog, '角色', null, '窗口民警');
    await screenshot(page, 'admin.users.create.zh-CN.1366');
    await dialog.getByRole('button', { name: '创建账户' }).click();
    const first = await takeTemporaryPassword(page, 'admin.users.temporary-password.zh-CN.1366');

    // The list shows it, waiting for its first password change.
    await page.getByLabel('用户名或姓名').fill('newofficer');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = accountRow(page, NEW_USER);
    await row.getByText('待改密').waitFor();
    assert.match(page.url(), /q=newofficer/);

    await row.getByRole('button', { name: `停用（${NEW_USER}）` }).click();
    await confirmIn(page, `停用账户 ${NEW_USER}？`, /停\s*用/);
    await row.locator('[data-testid="account-status"][data-disabled="true"]').waitFor();
    await row.getByRole('button', { name: `启用（${NEW_USER}）` }).click();
    await confirmIn(page, `启用账户 ${NEW_USER}？`, /启\s*用/);
    await row.locator('[data-testid="account-status"][data-disabled="false"]').waitFor();

    await row.getByRole('button', { name: `重置密码（${NEW_USER}）` }).click();
    await confirmIn(page, `重置 ${NEW_USER} 的密码？`, '重置密码');
    temporary = await takeTemporaryPassword(page);
    assert.notEqual(temporary, first);
    await context.close();
  });

  it('the new account signs in, must change its password first, then reaches its workbench', async () => {
    assert.ok(temporary, 'the temporary password of the account test above');
    const { context, page } = await openPage(web);
    await page.goto('/');
    await page.getByLabel('用户名').fill(NEW_USER);
    await page.getByLabel('密码', { exact: true }).fill(temporary);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('这是您第一次登录或密码已被重置，请先设置新密码。').waitFor();
    await screenshot(page, 'admin.forced-password-change.zh-CN.1366');
    await page.getByLabel('当前密码').fill(temporary);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('header-user').filter({ hasText: '周新（古楼窗口）' }).waitFor();
    await page.getByTestId('workbench-stats').waitFor();
    await context.close();
  });

  it('the security administrator assigns a role, lifts a sign-in throttle and sets the policy', async () => {
    // Three wrong passwords in a row: the account's name now has a streak to lift.
    for (let i = 0; i < 3; i++) {
      const res = await web.env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: NEW_USER, password: 'wrong-password' } });
      assert.equal(res.statusCode, 401);
    }
    const { context, page } = await openPage(web);
    await signIn(page, 'secadmin');
    await page.waitForURL('**/admin/users');
    await page.goto(`/admin/users?q=${NEW_USER}`);
    const row = accountRow(page, NEW_USER);
    await row.waitFor();
    // Not the system administrator's acts.
    assert.equal(await page.getByRole('button', { name: '新建账户' }).count(), 0);
    assert.equal(await row.getByRole('button', { name: /停用|重置密码/ }).count(), 0);
    await assertAccessible(page, 'accounts page (security administrator)');
    await screenshot(page, 'admin.users.secadmin.zh-CN.1366');

    await row.getByRole('button', { name: `分配角色（${NEW_USER}）` }).click();
    const dialog = await standingDialog(page, `为 ${NEW_USER} 分配角色`);
    await choose(page, dialog, '新角色', null, '派出所所长');
    await screenshot(page, 'admin.users.assign-role.zh-CN.1366');
    await dialog.getByRole('button', { name: '分配角色' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('派出所所长').waitFor();

    await row.getByRole('button', { name: `解除登录限制（${NEW_USER}）` }).click();
    await confirmIn(page, `解除 ${NEW_USER} 的登录限制？`, '解除限制');
    await page.getByText(`已解除 ${NEW_USER} 的登录限制（此前连续失败 3 次）`).waitFor();

    await page.getByRole('link', { name: '安全策略' }).click();
    await page.getByTestId('policy-defaults').waitFor();
    await assertAccessible(page, 'security policy page');
    await screenshot(page, 'admin.policy.zh-CN.1366');
    const minLength = page.getByLabel('最短长度（字符）');
    await minLength.fill('7');
    await minLength.blur();
    await page.getByText('8 至 64').first().waitFor();
    await minLength.fill('10');
    await page.getByRole('button', { name: '增加一级' }).click();
    await page.getByRole('button', { name: '保存策略' }).click();
    await confirmIn(page, '保存新的安全策略？', '保存策略');
    await page.getByText('安全策略已保存').waitFor();
    await page.getByTestId('policy-updated').waitFor();
    const stored = await (await as(web.env, 'secadmin')).get('/api/admin/security-policy');
    assert.equal(stored.body.policy.password.minLength, 10);
    assert.equal(stored.body.policy.lockout.waitMinutes.length, DEFAULT_SECURITY_POLICY.lockout.waitMinutes.length + 1);
    await context.close();
  });

  it('the audit administrator finds those acts in the trail by action, opens one, and verifies the trail', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'auditadmin');
    await page.waitForURL('**/audit');
    await page.getByTestId('audit-table').locator('tbody tr[data-row-key]').first().waitFor();
    await assertAccessible(page, 'audit trail');
    await screenshot(page, 'audit.trail.zh-CN.1366');

    const table = page.getByTestId('audit-table');
    const rows = table.locator('tbody tr[data-row-key]');
    await choose(page, page, '操作', '新建账户', '新建账户 · admin.user_create');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/action=admin\.user_create/);
    await rows.first().locator('[data-action="admin.user_create"]').waitFor();
    assert.equal(await rows.count(), 1);
    await rows.first().getByText('sysadmin').waitFor();
    await rows.first().getByText(NEW_USER).waitFor();

    await choose(page, page, '操作', '分配角色', '分配角色 · admin.role_assign');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/action=admin\.role_assign/);
    await rows.first().getByText('secadmin').waitFor();
    assert.equal(await rows.count(), 1);
    await rows.first().click();
    const drawer = page.getByTestId('audit-event-detail');
    await drawer.waitFor();
    const json = await page.getByTestId('audit-event-json').innerText();
    assert.match(json, /"to": "station_leader"/);
    assert.match(await page.getByTestId('audit-event-hash').innerText(), /^[0-9a-f]{64}$/);
    await assertAccessible(page, 'audit record drawer');
    await screenshot(page, 'audit.record.zh-CN.1366');
    await page.keyboard.press('Escape');
    await settle(page);

    // Refusals are on the trail too, in red: the unit whose case number prefix was taken.
    await page.goto('/audit?action=admin.unit_create&outcome=refused');
    await rows.first().locator('[data-outcome="refused"]').waitFor();
    assert.equal(await rows.count(), 1);

    await page.getByRole('button', { name: '校验审计链' }).click();
    await confirmIn(page, '校验审计链和全部原件？', '开始校验');
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: 30_000 });
    assert.equal(await result.getAttribute('data-ok'), 'true');
    await result.getByText('校验通过：审计链完整').waitFor();
    await screenshot(page, 'audit.verified.zh-CN.1366');
    await context.close();
  });

  it('names the first bad row when a record of the trail was altered, and opens it', async () => {
    // As an intruder with the database owner's rights would: guards dropped, one record edited.
    await dropAppendOnlyGuards(web.env.ctx.db);
    await sql`update audit_events set reason = ${'edited'} where seq = 7`.execute(web.env.ctx.db.kysely);
    const { context, page } = await openPage(web);
    await signIn(page, 'auditadmin');
    await page.getByTestId('audit-table').locator('tbody tr[data-row-key]').first().waitFor();
    await page.keyboard.press('Alt+KeyV');
    await confirmIn(page, '校验审计链和全部原件？', '开始校验');
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: 30_000 });
    assert.equal(await result.getAttribute('data-ok'), 'false');
    await result.getByText('审计记录写入后被改动').waitFor();
    await result.getByText('audit_events seq 7').waitFor();
    await screenshot(page, 'audit.verify-failed.zh-CN.1366');
    await result.getByRole('button', { name: '查看该记录' }).click();
    await page.waitForURL(/before=8/);
    // The page now starts at that record (the previous page stays on screen until it arrives).
    await page.waitForFunction(
      () => document.querySelector('[data-testid="audit-table"] tbody tr[data-row-key]')?.getAttribute('data-row-key') === '7',
    );
    await page.getByTestId('audit-table').locator('tr[data-row-key="7"]').getByText('edited').waitFor();
    await context.close();
  });
});
