import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import type { TestEnv } from '../support/test-context.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

async function approvedCase(env: TestEnv, serial: number): Promise<{ id: string; caseNo: string }> {
  const subtype = subtypeWithChain(env, 'station');
  const kase = await submittedCase(env, subtype, serial);
  await approveThroughChain(env, kase.id, subtype);
  return kase;
}

describe('browser: 纸质档案, from awaiting binding to the case page', () => {
  let web: WebEnv;
  let env: TestEnv;
  let first: { id: string; caseNo: string };
  let second: { id: string; caseNo: string };
  let late: { id: string; caseNo: string };

  before(async () => {
    web = await startWebEnv();
    env = web.env;
    // Approved 45 days ago: its month's binding deadline has passed.
    env.clock.advanceHours(-45 * 24);
    env.forgetSessions();
    try {
      late = await approvedCase(env, 31);
    } finally {
      env.clock.advanceHours(45 * 24);
      env.forgetSessions();
    }
    first = await approvedCase(env, 32);
    second = await approvedCase(env, 33);
  });
  after(async () => {
    await web.close();
  });

  it('a station officer binds two approved cases into a volume, and the case page shows the place', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.officer');
    await page.getByRole('link', { name: '纸质档案' }).click();
    await page.waitForURL('**/paper-archive');
    await page.getByText(/纸质档案须于次月 10 日前装订完毕/).waitFor();
    const rowOf = (caseNo: string) => page.locator(`tr[data-case-no="${caseNo}"]`);
    await rowOf(first.caseNo).getByText('待装订').waitFor();
    await rowOf(late.caseNo).getByText('逾期未装订').waitFor();
    assert.equal(await rowOf(late.caseNo).getAttribute('data-overdue'), 'true');
    await assertAccessible(page, 'paper archive (station officer)');
    await screenshot(page, 'paper-archive.officer.zh-CN.1366');

    // Picked in this order: the second case goes first in the volume.
    await rowOf(second.caseNo).getByRole('checkbox').check();
    await rowOf(first.caseNo).getByRole('checkbox').check();
    await page.getByText('已选 2 件').waitFor();
    await page.getByRole('button', { name: '装订成卷' }).click();
    const dialog = await standingDialog(page, '装订成卷');
    await dialog.getByText(`${second.caseNo}、${first.caseNo}`).waitFor();
    await dialog.getByLabel('盒号').fill('2026-12');
    await dialog.getByLabel('卷号').fill('1');
    await screenshot(page, 'paper-archive.bind.zh-CN.1366');
    await dialog.getByRole('button', { name: /装\s*订/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已装订 2 件：2026-12 盒 1 卷 第 1–2 件').waitFor();
    await rowOf(first.caseNo).waitFor({ state: 'detached' });

    await page.getByText('已装订', { exact: true }).first().click();
    await page.waitForURL('**/paper-archive?state=bound');
    await rowOf(first.caseNo).getByText('2026-12 盒 1 卷 第 2 件').waitFor();
    await rowOf(second.caseNo).getByText('2026-12 盒 1 卷 第 1 件').waitFor();
    await screenshot(page, 'paper-archive.bound.zh-CN.1366');

    await page.goto(`/cases/${first.id}`);
    await page.getByRole('tab', { name: '纸质原件' }).click();
    const section = page.getByTestId('case-paper-file');
    await section.getByTestId('case-paper-place').getByText('2026-12 盒 1 卷 第 2 件').waitFor();
    await section.getByText('古楼派出所').waitFor();
    await assertAccessible(page, 'case page, paper original');
    await screenshot(page, 'paper-archive.case-page.zh-CN.1366');

    const stored = await env.ctx.db.kysely.selectFrom('paper_files').selectAll().where('case_id', '=', first.id).executeTakeFirstOrThrow();
    assert.deepEqual([stored.box_no, stored.volume_no, stored.sequence], ['2026-12', '1', 2]);
    await context.close();
  });

  it('the station leader reads the overdue report', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.leader');
    await page.goto('/paper-archive?tab=overdue');
    const report = page.getByTestId('paper-overdue-report');
    await report.getByText('逾期清单（共 1 件）').waitFor();
    await report.locator(`tr[data-case-no="${late.caseNo}"]`).waitFor();
    await assertAccessible(page, 'paper archive overdue report');
    await screenshot(page, 'paper-archive.overdue.zh-CN.1366');
    await context.close();
  });

  it('reads in English for a branch supervisor', async () => {
    const { context, page } = await openPage(web, { locale: 'en' });
    await signIn(page, 'echeng.supervisor');
    await page.goto('/paper-archive?tab=overdue');
    await page.getByText('Overdue files (1)').waitFor();
    await screenshot(page, 'paper-archive.overdue.en.1366');
    await context.close();
  });
});
