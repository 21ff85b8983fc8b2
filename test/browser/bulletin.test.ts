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

  it('goes by the server’s month when the browser’s clock is ahead: no later month can be picked', async () => {
    const { context, page } = await openPage(web);
    // The browser believes it is three months on; the server's clock decides which months have begun.
    await context.clock.setFixedTime(new Date(web.env.ctx.now().getTime() + 92 * 86_400_000));
    await signIn(page, 'city.approver');
    await page.getByRole('link', { name: '月度通报' }).click();
    await page.waitForURL('**/bulletins');
    const gulou = page.locator('tbody tr').filter({ hasText: '古楼派出所' });
    await gulou.waitFor();
    assert.equal((await gulou.locator('td').nth(1).innerText()).trim(), '3', 'the server’s current month, shown without asking');
    assert.equal(await page.getByRole('alert').filter({ hasText: '尚未开始' }).count(), 0);
    const picker = page.getByLabel('月份');
    assert.equal(await picker.inputValue(), month);

    await picker.click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    const cell = (m: string) => panel.locator(`td[title="${m}"]`);
    assert.doesNotMatch((await cell(month).getAttribute('class')) ?? '', /ant-picker-cell-disabled/);
    const next = nextMonth(month);
    if (next.slice(0, 4) !== month.slice(0, 4)) await panel.getByRole('button', { name: '下一年' }).click();
    assert.match((await cell(next).getAttribute('class')) ?? '', /ant-picker-cell-disabled/, `${next} is after the server’s month`);
    await screenshot(page, 'bulletin.month-picker.zh-CN');
    await cell(next).click();
    assert.equal(new URL(page.url()).searchParams.get('month'), null, 'a month not begun is not taken');
    await context.close();
  });
});

function nextMonth(month: string): string {
  const [year, monthNo] = month.split('-').map(Number) as [number, number];
  return monthNo === 12 ? `${year + 1}-01` : `${year}-${String(monthNo + 1).padStart(2, '0')}`;
}
