import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createScheduler } from '../../server/jobs/scheduler.ts';
import { serverTasks } from '../../server/jobs/server-tasks.ts';
import { beijingDay } from '../../server/time/beijing-day.ts';
import { as } from '../support/api.ts';
import { approveThroughChain, inThePast, submittedCase, subtypeWithChain } from '../support/journey.ts';
import type { TestEnv } from '../support/test-context.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

describe('browser: 抽查, from the sample to the station’s answer', () => {
  let web: WebEnv;
  let env: TestEnv;
  let fresh: { id: string; caseNo: string };
  let old: { id: string; caseNo: string };
  let materialName: string;

  before(async () => {
    web = await startWebEnv();
    env = web.env;
    const subtype = subtypeWithChain(env, 'station');
    materialName = subtype.materials[0]!.name;
    // Ten days ago (before this week's Monday, so the branch's draw below does not see it): the city
    // drew a case and asked the station to check a material; the three days to answer have passed.
    await inThePast(env, 10 * 24, async () => {
      old = await submittedCase(env, subtype, 41);
      await approveThroughChain(env, old.id, subtype);
      const day = beijingDay(env.ctx.now());
      const city = await as(env, 'city.approver');
      const round = await city.post('/api/spot-checks/rounds', { from: day, to: day, size: 1 });
      assert.equal(round.status, 200, JSON.stringify(round.body));
      const finding = await city.post(`/api/spot-checks/rounds/${round.body.id}/cases/${old.id}/finding`, {
        result: 'problem',
        doubtful: [{ materialCode: subtype.materials[0]!.code, note: '照片与本人不符', verifyPaper: true }],
      });
      assert.equal(finding.status, 200, JSON.stringify(finding.body));
    });
    const task = serverTasks(env.config).find((t) => t.name === 'paper-verification-escalation')!;
    await createScheduler(env.ctx, [task], () => {}).tick();
    fresh = await submittedCase(env, subtype, 42);
    await approveThroughChain(env, fresh.id, subtype);
  });
  after(async () => {
    await web.close();
  });

  it('a branch reviewer draws a sample, records a problem with a paper verification and completes the round', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.reviewer');
    await page.getByRole('link', { name: '抽查' }).click();
    await page.waitForURL('**/spot-checks');
    await page.getByTestId('spot-rounds-table').getByText('还没有抽查轮次').waitFor();

    await page.getByRole('tab', { name: '抽查完成情况' }).click();
    const quota = page.getByTestId('spot-quota');
    await quota.getByText('本期尚有 1 个单位未完成抽查').waitFor();
    const branchRow = quota.locator('tr[data-unit="鄂城分局"]');
    assert.equal(await branchRow.getAttribute('data-behind'), 'true');
    await branchRow.getByText('本期未完成').waitFor();
    await assertAccessible(page, 'spot-check quota (branch reviewer)');
    await screenshot(page, 'spot-checks.quota-behind.zh-CN.1366');

    await page.getByRole('button', { name: '生成抽查样本' }).click();
    const propose = await standingDialog(page, '生成抽查样本');
    await propose.getByText(/按风险加权随机抽取/).waitFor();
    await screenshot(page, 'spot-checks.propose.zh-CN.1366');
    await propose.getByRole('button', { name: '生成抽查样本' }).click();
    await page.waitForURL('**/spot-checks/rounds/*');
    await page.getByText('已抽取 1 件业务').waitFor();
    // The list shows the new round with nothing checked yet; its 查看 leads back.
    await page.getByRole('link', { name: '抽查', exact: true }).first().click();
    await page.waitForURL('**/spot-checks');
    const listed = page.getByTestId('spot-rounds-table').locator('tr[data-state="open"]');
    await listed.getByText('已检查 0 / 1 件').waitFor();
    assert.equal(await listed.getByRole('progressbar', { name: '已检查 0 / 1 件' }).getAttribute('aria-valuenow'), '0');
    await screenshot(page, 'spot-checks.rounds-open.zh-CN.1366');
    await listed.getByRole('link', { name: /^查看 鄂城分局/ }).click();
    await page.waitForURL('**/spot-checks/rounds/*');

    const sample = page.getByTestId('spot-sample-table');
    const row = sample.locator(`tr[data-case-no="${fresh.caseNo}"]`);
    await row.getByText('未检查').waitFor();
    await row.getByRole('link', { name: fresh.caseNo }).waitFor();
    assert.equal(await row.getByRole('link', { name: fresh.caseNo }).getAttribute('href'), `/cases/${fresh.id}`);
    assert.match(await row.innerText(), /张\*/);
    assert.equal(await page.getByRole('button', { name: /完成抽查/ }).isDisabled(), true);
    await page.getByTestId('spot-round-progress').getByText('已检查 0 / 1 件').waitFor();

    await row.getByRole('button', { name: `记录结果 ${fresh.caseNo}` }).click();
    const finding = await standingDialog(page, `记录抽查结果：${fresh.caseNo}`);
    await finding.getByText('有问题', { exact: true }).click();
    // A problem with nothing said about it is refused in the dialog.
    await finding.getByRole('button', { name: '保存结果' }).click();
    await finding.getByText('有问题时，请填写问题说明或添加存疑材料').waitFor();
    await finding.getByLabel('问题说明').fill('签名笔迹与原件可能不符');
    await finding.getByRole('button', { name: '添加存疑材料' }).click();
    await finding.getByLabel('材料', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(materialName, { exact: true }).click();
    await finding.getByLabel('存疑之处').fill('签名存疑');
    assert.equal(await finding.getByLabel('请派出所调阅纸质原件核实').isChecked(), true);
    await screenshot(page, 'spot-checks.finding.zh-CN.1366');
    await finding.getByRole('button', { name: '保存结果' }).click();
    await finding.waitFor({ state: 'hidden' });
    await page.getByText(`已记录 ${fresh.caseNo} 的抽查结果`).waitFor();
    await row.locator('[data-result="problem"]').getByText('有问题').waitFor();
    await row.getByText(`${materialName}：签名存疑`).waitFor();
    await page.getByTestId('spot-round-progress').getByText('已检查 1 / 1 件').waitFor();
    const asked = page.getByTestId('paper-verifications-table').locator(`tr[data-case-no="${fresh.caseNo}"]`);
    await asked.getByText('待答复').waitFor();

    await page.getByRole('button', { name: /完成抽查/ }).click();
    const complete = await standingDialog(page, '本轮共检查 1 件，其中有问题 1 件');
    await complete.getByLabel('抽查小结（选填）').fill('抽查1件，发现1件问题，已请古楼派出所核对原件');
    await complete.getByRole('button', { name: /完成抽查/ }).click();
    await complete.waitFor({ state: 'hidden' });
    await page.getByText('本轮抽查已完成').waitFor();
    await page.getByTestId('spot-round-facts').locator('[data-state="completed"]').waitFor();
    await page.getByText('抽查1件，发现1件问题，已请古楼派出所核对原件').waitFor();
    assert.equal(await page.getByRole('button', { name: /完成抽查/ }).count(), 0);
    assert.equal(await row.getByRole('button').count(), 0);
    await assertAccessible(page, 'spot-check round (completed)');
    await screenshot(page, 'spot-checks.round.zh-CN.1366');

    await page.getByRole('link', { name: '抽查', exact: true }).first().click();
    await page.waitForURL('**/spot-checks');
    const done = page.getByTestId('spot-rounds-table').locator('tr[data-state="completed"]');
    await done.getByText('已完成').waitFor();
    await done.getByText('已检查 1 / 1 件').waitFor();
    assert.equal(await done.getByRole('progressbar', { name: '已检查 1 / 1 件' }).getAttribute('aria-valuenow'), '100');
    await screenshot(page, 'spot-checks.rounds.zh-CN.1366');
    await page.getByRole('tab', { name: '抽查完成情况' }).click();
    await quota.getByText('本期各单位均已完成抽查').waitFor();
    assert.equal(await quota.locator('tr[data-unit="鄂城分局"]').getAttribute('data-behind'), 'false');

    const round = await env.ctx.db.kysely.selectFrom('spot_check_rounds').select(['state', 'summary']).where('state', '=', 'completed').execute();
    assert.deepEqual(round, [{ state: 'completed', summary: '抽查1件，发现1件问题，已请古楼派出所核对原件' }]);
    await context.close();
  });

  it('the station leader sees the late request in red and answers the new one 不一致', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.leader');
    await page.getByRole('link', { name: '纸质材料核实' }).click();
    await page.waitForURL('**/paper-verifications');
    const table = page.getByTestId('paper-verifications-table');
    const late = table.locator(`tr[data-case-no="${old.caseNo}"]`);
    const mine = table.locator(`tr[data-case-no="${fresh.caseNo}"]`);
    await late.getByText('照片与本人不符').waitFor();
    assert.equal(await late.getAttribute('data-overdue'), 'true');
    assert.equal(await late.getAttribute('data-state'), 'overdue');
    await late.getByText('已逾期').waitFor();
    await mine.getByText('签名存疑').waitFor();
    assert.equal(await mine.getAttribute('data-overdue'), 'false');
    await assertAccessible(page, 'paper verifications (station leader)');
    await screenshot(page, 'spot-checks.verifications.zh-CN.1366');

    await mine.getByRole('button', { name: `答复核实 ${fresh.caseNo} ${materialName}` }).click();
    const dialog = await standingDialog(page, '答复纸质材料核实');
    await dialog.getByText(/鄂城分局对 .*存疑：签名存疑/).waitFor();
    await dialog.getByRole('button', { name: /答\s*复/ }).click();
    await dialog.getByText('请选择核对结果').waitFor();
    await dialog.getByText('不一致：纸质原件与电子档案不符').click();
    await dialog.getByLabel('核实情况').fill('原件签名与影像不一致，已约谈经办人');
    await screenshot(page, 'spot-checks.answer.zh-CN.1366');
    await dialog.getByRole('button', { name: /答\s*复/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已答复该核实').waitFor();
    await mine.waitFor({ state: 'detached' });

    await page.getByText('已答复', { exact: true }).first().click();
    await page.waitForURL('**/paper-verifications?state=answered');
    await mine.getByText('不一致', { exact: true }).waitFor();
    await mine.getByText('原件签名与影像不一致，已约谈经办人').waitFor();
    await mine.getByText(/李强（古楼所长）/).waitFor();
    await screenshot(page, 'spot-checks.answered.zh-CN.1366');

    const stored = await env.ctx.db.kysely
      .selectFrom('paper_verifications')
      .select(['state', 'answer'])
      .where('case_id', '=', fresh.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { state: 'answered', answer: 'inconsistent' });
    await context.close();
  });

  it('the city supervisor reads the branch’s round without acting on it, in English', async () => {
    const { context, page } = await openPage(web, { locale: 'en' });
    await signIn(page, 'city.supervisor');
    await page.getByRole('link', { name: 'Spot checks' }).click();
    const branchRound = page.getByTestId('spot-rounds-table').locator('tr[data-state="completed"]');
    await branchRound.getByText('1 of 1 checked').waitFor();
    await branchRound.getByRole('link', { name: /View the round of Echeng/ }).click();
    await page.waitForURL('**/spot-checks/rounds/*');
    await page.getByTestId('spot-sample-table').locator(`tr[data-case-no="${fresh.caseNo}"]`).getByText('Problem').waitFor();
    assert.equal(await page.getByRole('button', { name: /Change|Record/ }).count(), 0);
    await page.goBack();
    await page.getByRole('tab', { name: 'Quota' }).click();
    // The city's own monthly round is still open: it is behind.
    const cityRow = page.getByTestId('spot-quota').locator('tr[data-unit="鄂州市公安局"]');
    assert.equal(await cityRow.getAttribute('data-behind'), 'true');
    await cityRow.getByText('Behind').waitFor();
    await assertAccessible(page, 'spot-check quota (city, English)');
    await screenshot(page, 'spot-checks.quota.en.1366');
    await context.close();
  });
});
