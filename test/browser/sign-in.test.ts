import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { assertAccessible, openPage, screenshot, signIn, startWebEnv, type WebEnv } from './support/browser.ts';

describe('browser: signing in', () => {
  let web: WebEnv;
  before(async () => {
    web = await startWebEnv();
  });
  after(async () => {
    await web.close();
  });

  it('loads a light sign-in page: at most about 500 KB of gzipped JavaScript, no inline script, accessible', async () => {
    const { context, page } = await openPage(web);
    const scripts: Buffer[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') void response.body().then((body) => scripts.push(body));
    });
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto('/');
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await page.waitForLoadState('networkidle');
    const gzipped = scripts.reduce((total, body) => total + gzipSync(body).length, 0);
    assert.ok(scripts.length > 0);
    assert.ok(gzipped < 500 * 1024, `sign-in page JavaScript: ${Math.round(gzipped / 1024)} KB gzipped`);
    assert.deepEqual(violations, []);
    await assertAccessible(page, 'sign-in page');
    await screenshot(page, 'sign-in.zh-CN.1366');
    await context.close();
  });

  it('says in Chinese when the password is wrong, and keeps the typed name', async () => {
    const { context, page } = await openPage(web);
    await page.goto('/');
    await page.getByLabel('用户名').fill('gulou.officer');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    assert.equal(await page.getByLabel('用户名').inputValue(), 'gulou.officer');
    await screenshot(page, 'sign-in.wrong-password');
    await context.close();
  });

  it('signs in with an HttpOnly cookie that page scripts cannot read, and nothing in storage but the language', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.officer');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'hukou_session');
    assert.ok(session);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '');
    const stored = await page.evaluate(() => Object.keys(localStorage).concat(Object.keys(sessionStorage)));
    assert.deepEqual(stored, ['hukou.locale']);
    await context.close();
  });

  it('switches to English and remembers it', async () => {
    const { context, page } = await openPage(web);
    await page.goto('/');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in.en.1366');
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close();
  });
});
