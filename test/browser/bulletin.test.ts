import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { beijingDay } from '../../server/time/beijing-day.ts';
import { as } from '../support/api.ts';
import { acceptSample, subtypeWithChain } from '../support/journey.ts';
import { assertAccessible, openPage, screenshot, signIn, startWebEnv, type WebEnv } from './support/browser.ts';

describe('browser: 月度通报, read and downloaded by the city', () => {
  let web: WebEnv;
  let month: string;

  before(async () => {
    web = await startWebEnv();
    month = beijingDay(web.env.ctx.now()).slice(0, 7);
    const officer = await as(web.env, 'gulou.officer');
    const subtype = subtypeWithChain(web.env, 'station');
    for (const serial of [1, 2, 3]) await acceptSample(officer, subtype, serial);
  });
  after(async () => {
    await web.close();
  });

  it('shows each unit’s month with the station’s accepted cases, and downloads the PDF and the Excel file', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'city.approver');
    await page.getByRole('link', { name: '月度通报' }).click();
    await page.waitForURL('**/bulletins**');
    await page.goto(`/bulletins?month=${month}`);
    const gulou = page.locator('tbody tr').filter({ hasText: '古楼派出所' });
    await gulou.waitFor();
    // 受理: the three cases accepted this month at the station (the column right after the unit's name).
    assert.equal((await gulou.locator('td').nth(1).innerText()).trim(), '3');
    await assertAccessible(page, 'monthly bulletin (city)');
    await screenshot(page, 'bulletin.city.zh-CN');

    for (const [testId, magic] of [
      ['bulletin-pdf', '%PDF-'],
      ['bulletin-xlsx', 'PK'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const bytes = fs.readFileSync(await download.path());
      assert.equal(bytes.subarray(0, magic.length).toString('latin1'), magic, testId);
    }
    assert.deepEqual(web.outbound, []);
    await context.close();
  });
});
