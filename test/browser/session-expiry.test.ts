import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../server/modules/org/demo-organisation.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

describe('browser: a session that ends while someone works', () => {
  let web: WebEnv;
  before(async () => {
    web = await startWebEnv();
  });
  after(async () => {
    await web.close();
  });

  async function endSessionsOf(username: string) {
    const user = await web.env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await web.env.ctx.db.kysely.updateTable('sessions').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', user.id).execute();
  }

  it('asks for the password again over the page and keeps what was typed', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.leader');
    await page.goto('/account/password');
    await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('Another#Pass2026');
    await page.getByLabel('确认新密码').fill('Another#Pass2026');

    await endSessionsOf('gulou.leader');
    await page.getByRole('button', { name: '修改密码' }).click();
    const dialog = await standingDialog(page, '登录已超时');
    await screenshot(page, 'session-expired.dialog');
    await assertAccessible(page, 'session expired dialog');

    await dialog.getByLabel('密码', { exact: true }).fill('wrong password');
    await dialog.getByRole('button', { name: /^登\s*录$/ }).click();
    await dialog.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();

    await dialog.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: /^登\s*录$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.getByLabel('新密码', { exact: true }).inputValue(), 'Another#Pass2026');
    assert.equal(await page.getByLabel('确认新密码').inputValue(), 'Another#Pass2026');
    assert.equal(new URL(page.url()).pathname, '/account/password');
    await context.close();
  });

  it('offers to sign in as someone else, which leaves the page for the sign-in page', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.officer');
    await page.goto('/account/password');
    await page.getByLabel('当前密码').fill('x');
    await endSessionsOf('gulou.officer');
    await page.getByLabel('新密码', { exact: true }).fill('Another#Pass2026');
    await page.getByLabel('确认新密码').fill('Another#Pass2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await (await standingDialog(page)).getByRole('button', { name: '以其他用户登录' }).click();
    await page.getByRole('heading', { name: '户政业务电子档案系统' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    assert.equal(await page.getByLabel('用户名').inputValue(), '');
    await context.close();
  });
});
