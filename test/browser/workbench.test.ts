import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { CatalogSubtype } from '../../server/modules/catalog/catalog.schema.ts';
import { as } from '../support/api.ts';
import { acceptSample, captureRequired, DECIDER, inThePast, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { sampleImage } from '../support/sample-case.ts';
import type { TestEnv } from '../support/test-context.ts';
import { assertAccessible, openPage, screenshot, signIn, startWebEnv, type WebEnv } from './support/browser.ts';

async function ok(call: Promise<{ status: number; body: any }>) {
  const res = await call;
  assert.ok(res.status < 300, JSON.stringify(res.body));
  return res.body;
}

/** The count a statistic card shows. */
async function statValue(page: Page, key: string): Promise<string> {
  return (await page.getByTestId(`stat-${key}`).locator('.ant-statistic-content').innerText()).trim();
}

/** The case numbers a group's table lists, top to bottom. */
async function listed(page: Page, group: string): Promise<string[]> {
  const table = page.getByTestId(`workbench-table-${group}`);
  await table.waitFor();
  return table.locator('tbody tr[data-row-key] td:first-child').allInnerTexts();
}

describe('browser: the workbench', () => {
  let web: WebEnv;
  let env: TestEnv;
  let station: CatalogSubtype;
  let stationBranch: CatalogSubtype;
  // Cases by what they wait for; case numbers are what the pages show.
  const c = {} as Record<
    'toCapture' | 'lateCapture' | 'toVerify' | 'toSubmit' | 'returned' | 'atStation' | 'branchOverdue' | 'branchFresh' | 'branchReview',
    { id: string; caseNo: string }
  >;

  before(async () => {
    web = await startWebEnv();
    env = web.env;
    station = subtypeWithChain(env, 'station'); // capture 24 h, approval 12 h
    stationBranch = subtypeWithChain(env, 'station,branch'); // approval 24 h
    const branchCity = subtypeWithChain(env, 'branch,city'); // approval 48 h
    // 30 hours ago: a capture never done and a case sent to the branch, both now past their deadlines.
    await inThePast(env, 30, async () => {
      const officer = await as(env, 'gulou.officer');
      c.lateCapture = await acceptSample(officer, station, 1);
      c.branchOverdue = await submittedCase(env, stationBranch, 2);
      await ok((await as(env, DECIDER.station)).post(`/api/cases/${c.branchOverdue.id}/review`));
    });
    const officer = await as(env, 'gulou.officer');
    c.toCapture = await acceptSample(officer, station, 3);
    c.toVerify = await acceptSample(officer, station, 4);
    await captureRequired(officer, c.toVerify.id, station);
    c.toSubmit = await acceptSample(officer, station, 5);
    await captureRequired(officer, c.toSubmit.id, station);
    await ok(officer.post(`/api/cases/${c.toSubmit.id}/verify`));
    c.returned = await submittedCase(env, station, 6);
    await ok((await as(env, DECIDER.station)).post(`/api/cases/${c.returned.id}/return`, { reason: '照片不清，请重新采集' }));
    c.atStation = await submittedCase(env, station, 7);
    c.branchFresh = await submittedCase(env, stationBranch, 8);
    await ok((await as(env, DECIDER.station)).post(`/api/cases/${c.branchFresh.id}/review`));
    // Two levels, the branch first: the branch reviews it (待审核), the city approves it (待审批).
    c.branchReview = await submittedCase(env, branchCity, 10);
  });
  after(async () => {
    await web.close();
  });

  it("shows the window officer the station's cases by what they wait for, with counts, and opens them", async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.officer');
    await page.getByTestId('workbench-stats').waitFor();
    assert.equal(await statValue(page, 'toCapture'), '2');
    assert.equal(await statValue(page, 'toVerify'), '1');
    assert.equal(await statValue(page, 'toSubmit'), '1');
    assert.equal(await statValue(page, 'returned'), '1');
    assert.equal(await statValue(page, 'dueSoon'), '4');
    // The first group with work is shown: to capture, the late one first and marked red.
    assert.deepEqual(await listed(page, 'toCapture'), [c.lateCapture.caseNo, c.toCapture.caseNo]);
    const late = page.getByTestId('workbench-table-toCapture').locator(`tr[data-row-key="${c.lateCapture.id}"]`);
    assert.equal(await late.getAttribute('data-overdue'), 'true');
    await late.locator('[data-overdue="true"]').filter({ hasText: '已超期' }).waitFor();
    await assertAccessible(page, 'workbench (window officer)');
    await screenshot(page, 'workbench.officer.zh-CN.1366');

    // To-capture rows offer the capture page.
    await page.getByRole('button', { name: `采集 ${c.toCapture.caseNo}` }).click();
    await page.waitForURL(`**/cases/${c.toCapture.id}/capture`);
    await page.goBack();

    // The verify group from its card; a row opens its case.
    await page.getByTestId('stat-toVerify').click();
    assert.deepEqual(await listed(page, 'toVerify'), [c.toVerify.caseNo]);
    assert.match(page.url(), /group=toVerify/);
    await page.getByTestId('tab-returned').click();
    assert.deepEqual(await listed(page, 'returned'), [c.returned.caseNo]);
    await page.getByTestId('tab-toVerify').click();
    await page.getByTestId('workbench-table-toVerify').getByText(c.toVerify.caseNo).click();
    await page.waitForURL(`**/cases/${c.toVerify.id}`);
    await context.close();
  });

  it('refreshes on Alt+R and offers acceptance on Alt+N', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.officer');
    await page.getByTestId('workbench-stats').waitFor();
    assert.equal(await statValue(page, 'toCapture'), '2');
    await acceptSample(await as(env, 'gulou.officer'), station, 9);
    await page.keyboard.press('Alt+KeyR');
    await page.getByTestId('stat-toCapture').filter({ hasText: '3' }).waitFor();
    await page.keyboard.press('Alt+KeyN');
    await page.waitForURL('**/accept');
    await context.close();
  });

  it("lists the branch reviewer's 待审核 apart from 待审批, oldest deadline first, with the time left, the overdue one in red", async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.reviewer');
    // The first group with work: what the branch reviews before the city approves.
    assert.deepEqual(await listed(page, 'toReview'), [c.branchReview.caseNo]);
    await page.getByRole('tab', { name: /分局待审核/ }).waitFor();
    assert.equal(await statValue(page, 'toReview'), '1');
    assert.equal(await statValue(page, 'toApprove'), '2');
    assert.equal(await statValue(page, 'overdue'), '1');
    // The overdue card opens the group where the late case is: the branch is the last of its two levels.
    await page.getByTestId('stat-overdue').click();
    assert.match(page.url(), /group=toApprove/);
    assert.deepEqual(await listed(page, 'toApprove'), [c.branchOverdue.caseNo, c.branchFresh.caseNo]);
    await page.getByRole('tab', { name: /分局待审批/ }).waitFor();
    const table = page.getByTestId('workbench-table-toApprove');
    const overdue = table.locator(`tr[data-row-key="${c.branchOverdue.id}"]`);
    const fresh = table.locator(`tr[data-row-key="${c.branchFresh.id}"]`);
    assert.equal(await overdue.getAttribute('data-overdue'), 'true');
    assert.match(await overdue.locator('[data-overdue="true"]').innerText(), /已超期 \d+小时/);
    assert.equal(await fresh.getAttribute('data-overdue'), 'false');
    assert.match(await fresh.locator('[data-overdue="false"]').innerText(), /剩余 (23小时|1天)/);
    // No accepting here: the reviewer decides.
    assert.equal(await page.getByRole('button', { name: /受理新业务/ }).count(), 0);
    await assertAccessible(page, 'workbench (branch reviewer)');
    await screenshot(page, 'workbench.reviewer.zh-CN.1366');
    await context.close();
  });

  it("gives the station leader the station's inbox first, beside the station's work", async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.leader');
    // Nothing left to review (both two-level cases went up): the one-level case to approve is shown.
    assert.deepEqual(await listed(page, 'toApprove'), [c.atStation.caseNo]);
    await page.getByRole('tab', { name: /派出所待审批/ }).waitFor();
    assert.equal(await statValue(page, 'toReview'), '0');
    assert.equal(await statValue(page, 'toCapture'), '3');
    await screenshot(page, 'workbench.leader.zh-CN.1366');
    await context.close();
  });

  it('says kindly when nothing waits, and shows the supervisor what is overdue across units', async () => {
    const approver = await openPage(web);
    await signIn(approver.page, 'city.approver');
    await approver.page.getByText('没有等待您审批的业务').waitFor();
    // The city is last in every chain it is in: it approves, it has nothing to review.
    assert.equal(await approver.page.getByTestId('tab-toReview').count(), 0);
    await assertAccessible(approver.page, 'workbench (empty inbox)');
    await screenshot(approver.page, 'workbench.empty.zh-CN.1366');
    // Once the branch has reviewed it, the two-level case waits at the city, under 待审批.
    await ok((await as(env, DECIDER.branch)).post(`/api/cases/${c.branchReview.id}/review`));
    await approver.page.keyboard.press('Alt+KeyR');
    await approver.page.getByTestId('workbench-table-toApprove').getByText(c.branchReview.caseNo).waitFor();
    assert.deepEqual(await listed(approver.page, 'toApprove'), [c.branchReview.caseNo]);
    await approver.page.getByRole('tab', { name: /市局待审批/ }).waitFor();
    await approver.context.close();

    const { context, page } = await openPage(web);
    await signIn(page, 'city.supervisor');
    assert.equal(await statValue(page, 'approvalOverdue'), '1');
    assert.equal(await statValue(page, 'captureOverdue'), '1');
    assert.deepEqual(await listed(page, 'approvalOverdue'), [c.branchOverdue.caseNo]);
    await page.getByTestId('tab-byUnit').click();
    const byUnit = page.getByTestId('workbench-table-byUnit');
    await byUnit.getByText('古楼派出所').waitFor();
    await assertAccessible(page, 'workbench (supervisor)');
    await screenshot(page, 'workbench.supervisor.zh-CN.1366');

    // A page brought after the capture limit comes as 补录, late: the month's capture findings count it.
    const late = await acceptSample(await as(env, 'gulou.officer'), station, 3);
    env.clock.advanceHours(25); // past its capture limit, for good: the tests after this one sign in afresh
    env.forgetSessions();
    const material = station.materials[0]!.code;
    const supplemented = await (
      await as(env, 'gulou.officer')
    ).uploadTo(`/api/cases/${late.id}/images`, { materialCode: material, supplementReason: '申请人次日补交' }, await sampleImage(7_001));
    assert.equal(supplemented.status, 201, JSON.stringify(supplemented.body));
    await context.close();
    // The day that passed ended the supervisor's session: a new one.
    const { context: next, page: later } = await openPage(web);
    await signIn(later, 'city.supervisor');
    await later.getByTestId('tab-findings').click();
    const findings = later.getByTestId('workbench-table-findings');
    const gulou = findings.locator('tbody tr', { hasText: '古楼派出所' });
    await gulou.waitFor();
    const cells = await gulou.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(2), ['1', '1', '0', '0'], '补录, late, kept despite warnings, reused');
    assert.ok(Number(cells[1]) >= 1, 'pages captured this month');
    await later.getByTestId('findings-since').getByText('本月采集').waitFor();
    await assertAccessible(later, 'workbench (supervisor, capture findings)');
    await screenshot(later, 'workbench.supervisor-findings.zh-CN.1366');
    await next.close();
  });

  it('reads well at 1920×1080 and in English', async () => {
    const wide = await openPage(web, { viewport: { width: 1920, height: 1080 } });
    await signIn(wide.page, 'gulou.officer');
    await wide.page.getByTestId('workbench-table-toCapture').waitFor();
    await screenshot(wide.page, 'workbench.officer.zh-CN.1920');
    await wide.context.close();

    const { context, page } = await openPage(web, { locale: 'en' });
    await signIn(page, 'gulou.officer');
    await page.getByRole('tab', { name: /To capture/ }).waitFor();
    await page.getByRole('button', { name: 'Accept a case' }).waitFor();
    await assertAccessible(page, 'workbench (English)');
    await screenshot(page, 'workbench.officer.en.1366');
    await context.close();
  });
});
