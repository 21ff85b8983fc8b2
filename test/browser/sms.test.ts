import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runSmsSender } from '../../server/modules/notify/send-sms.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

describe('browser: 短信发送记录, from a station’s number to the approval’s text', () => {
  let web: WebEnv;
  before(async () => {
    web = await startWebEnv();
  });
  after(async () => {
    await web.close();
  });

  it('the system administrator sets 古楼’s number, a case is approved, and its masked text shows on the page', async () => {
    const { page } = await openPage(web);
    await signIn(page, 'sysadmin');
    await page.getByRole('link', { name: '短信发送记录' }).click();
    await page.waitForURL('**/sms');
    await page.getByText('当前短信通道：本地收件箱').waitFor();
    await page.getByRole('tab', { name: '派出所短信号码' }).click();
    const gulou = page.getByRole('row', { name: /古楼派出所/ });
    await gulou.getByText('（未设置）').waitFor();
    await gulou.getByRole('button', { name: /设\s*置/ }).click();
    const dialog = await standingDialog(page, '设置 古楼派出所 的短信号码');
    await dialog.getByLabel('短信号码').fill('1391234');
    await dialog.getByRole('button', { name: /OK|确\s*定/ }).click();
    await dialog.getByText('请输入11位手机号').waitFor();
    await dialog.getByLabel('短信号码').fill('13912345678');
    await dialog.getByRole('button', { name: /OK|确\s*定/ }).click();
    await gulou.getByText('13912345678').waitFor();
    await screenshot(page, 'sms.phones.zh-CN.1366');

    const subtype = subtypeWithChain(web.env, 'station');
    const kase = await submittedCase(web.env, subtype, 41);
    await approveThroughChain(web.env, kase.id, subtype);
    await runSmsSender(web.env.ctx);

    await page.getByRole('tab', { name: '发送记录' }).click();
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    const row = page.getByRole('row', { name: new RegExp(kase.caseNo) });
    await row.getByText('139****5678').waitFor();
    await row.getByText('已送达', { exact: true }).waitFor();
    const text = await row.innerText();
    assert.match(text, /已审批通过/);
    assert.match(text, /张\*/);
    assert.doesNotMatch(text, /张三|13912345678/);
    await assertAccessible(page, 'sms page (system administrator)');
    await screenshot(page, 'sms.messages.zh-CN.1366');
  });

  it('a supervisor sees the texts of the units under them, without the numbers tab', async () => {
    const { page } = await openPage(web);
    await signIn(page, 'echeng.supervisor');
    await page.getByRole('link', { name: '短信发送记录' }).click();
    await page.getByText('139****5678').first().waitFor();
    assert.equal(await page.getByRole('tab', { name: '派出所短信号码' }).count(), 0);
  });
});
