import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { CatalogSubtype } from '../../server/modules/catalog/catalog.schema.ts';
import { demoCitizenId } from '../../server/modules/population/demo-people.ts';
import { type Client, as } from '../support/api.ts';
import { subtypeWithChain } from '../support/journey.ts';
import { sampleFields } from '../support/sample-case.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

/** A page that looks like a scanned document, titled with its material, so the viewer has something to show. */
async function documentPage(title: string, page: number): Promise<Buffer> {
  const lines = Array.from(
    { length: 7 },
    (_, i) => `<rect x="60" y="${200 + i * 70}" width="480" height="70" fill="none" stroke="#333" stroke-width="2"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="820">
    <rect width="100%" height="100%" fill="#f7f4ea"/>
    <text x="300" y="110" font-size="40" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" fill="#111">${title}</text>
    <text x="300" y="160" font-size="24" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" fill="#555">第 ${page} 页</text>
    ${lines}
    <circle cx="450" cy="720" r="60" fill="none" stroke="#c8102e" stroke-width="6"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}

interface PreparedCase {
  id: string;
  caseNo: string;
  idNumber: string;
  name: string;
  pages: number;
}

let serial = 300;

/** Accepts a case at 古楼 for a person of our own, and captures every required page. */
async function acceptedCase(officer: Client, subtype: CatalogSubtype, name: string, capture = true): Promise<PreparedCase> {
  serial += 1;
  const idNumber = demoCitizenId('420704', '1985-06-15', serial, 'male');
  const accepted = await officer.post('/api/cases', {
    subtypeCode: subtype.code,
    applicant: { name, idNumber, phone: '13900000000' },
    fields: sampleFields(subtype, serial),
  });
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  let pages = 0;
  if (capture) {
    for (const material of subtype.materials.filter((m) => m.required)) {
      for (let page = 1; page <= material.minPages; page++) {
        const uploaded = await officer.upload(accepted.body.id, material.code, await documentPage(material.name, page));
        assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
        pages += 1;
      }
    }
  }
  return { id: accepted.body.id, caseNo: accepted.body.caseNo, idNumber, name, pages };
}

/** Accepted, captured, verified, submitted and reviewed by the station: waiting for the branch. */
async function caseAtBranch(env: WebEnv['env'], subtype: CatalogSubtype, name: string): Promise<PreparedCase> {
  const officer = await as(env, 'gulou.officer');
  const prepared = await acceptedCase(officer, subtype, name);
  assert.equal((await officer.post(`/api/cases/${prepared.id}/verify`)).status, 200);
  assert.equal((await officer.post(`/api/cases/${prepared.id}/submit`)).status, 200);
  const leader = await as(env, 'gulou.leader');
  const reviewed = await leader.post(`/api/cases/${prepared.id}/review`, { comment: '材料齐全，同意上报' });
  assert.equal(reviewed.status, 200, JSON.stringify(reviewed.body));
  assert.equal(reviewed.body.pendingLevel, 'branch');
  return prepared;
}

/** The table shows this many cases once the search has answered (the previous list stays while it runs). */
async function resultCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-testid="search-results"] tbody tr.ant-table-row').length === n &&
      !document.querySelector('[data-testid="search-results"] .ant-spin-spinning'),
    count,
  );
}

async function openCase(page: Page, kase: PreparedCase): Promise<void> {
  await page.goto(`/cases/${kase.id}`);
  await page.getByTestId('case-no').filter({ hasText: kase.caseNo }).waitFor();
}

describe('browser: the case page and search', () => {
  let web: WebEnv;
  let subtype: CatalogSubtype;
  let reviewed: PreparedCase;
  let raced: PreparedCase;
  let shown: PreparedCase;
  let atStation: PreparedCase;

  before(async () => {
    web = await startWebEnv();
    // Station, branch and city: the branch reviews and passes the case up, so it moves on visibly.
    subtype = subtypeWithChain(web.env, 'station,branch,city');
    reviewed = await caseAtBranch(web.env, subtype, '欧阳明轩');
    raced = await caseAtBranch(web.env, subtype, '司马文静');
    shown = await caseAtBranch(web.env, subtype, '上官云飞');
    atStation = await acceptedCase(await as(web.env, 'gulou.officer'), subtype, '诸葛晓岚', false);
  });
  after(async () => {
    await web?.close();
  });

  it('finds a case by name and by ID number, shows ID numbers masked, and opens it from the result', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.reviewer');
    await page.goto('/search');
    const results = page.getByTestId('search-results');
    await results.getByRole('row').nth(1).waitFor();

    await page.getByLabel('申请人姓名').fill(reviewed.name);
    await page.getByLabel('申请人姓名').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('name') === reviewed.name);
    await resultCount(page, 1);
    const byName = results.getByRole('row').filter({ hasText: reviewed.caseNo });
    const masked = `${reviewed.idNumber.slice(0, 6)}********${reviewed.idNumber.slice(14)}`;
    assert.ok((await byName.textContent())?.includes(masked), 'the ID number is masked in the result');
    assert.ok(!(await page.content()).includes(reviewed.idNumber), 'the full ID number is nowhere on the page');
    await assertAccessible(page, 'search page');
    await screenshot(page, 'search.zh-CN.1366');

    // 查询 straight after 重置, while the reset search may still be answering: it must not be lost.
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await page.getByLabel('公民身份号码').fill(shown.idNumber);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await resultCount(page, 1);
    const byId = results.getByRole('row').filter({ hasText: shown.caseNo });
    await byId.waitFor();
    assert.ok(!page.url().includes(shown.idNumber), 'the ID number stays out of the address bar');

    // A criterion that matches nothing says what to do.
    await page.getByLabel('公民身份号码').fill('');
    await page.getByLabel('申请人姓名').fill('无此人');
    await page.getByLabel('申请人姓名').press('Enter');
    await page.getByText('没有符合条件的业务').waitFor();
    await screenshot(page, 'search.empty.zh-CN.1366');

    await page.goBack();
    await byId.click();
    await page.waitForURL(`**/cases/${shown.id}`);
    await page.getByTestId('case-no').filter({ hasText: shown.caseNo }).waitFor();
    await context.close();
  });

  it('shows the form data, the materials, the pages (paged with the keyboard) and the timeline', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.reviewer');
    await openCase(page, reviewed);

    const fields = page.getByTestId('case-fields');
    const [firstField] = subtype.fields;
    assert.ok(firstField);
    await fields.getByText(firstField.label, { exact: true }).waitFor();
    const required = subtype.materials.filter((m) => m.required);
    const materials = page.getByTestId('materials');
    assert.equal(await materials.locator('li[data-complete="true"]').count(), required.length);
    await page.getByTestId('materials-summary').filter({ hasText: '必需材料已齐全' }).waitFor();

    const position = page.getByTestId('page-position');
    await position.filter({ hasText: `第 1 / ${reviewed.pages} 页` }).waitFor();
    await page
      .getByTestId('page-viewer')
      .getByRole('img', { name: new RegExp(`${required[0]!.name} 第 1 页`) })
      .waitFor();
    await page.keyboard.press('ArrowRight');
    await position.filter({ hasText: `第 2 / ${reviewed.pages} 页` }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await position.filter({ hasText: `第 1 / ${reviewed.pages} 页` }).waitFor();
    // Choosing a material in the checklist shows its first page.
    const last = required[required.length - 1]!;
    await materials.getByText(last.name, { exact: true }).click();
    await page
      .getByTestId('page-material')
      .filter({ hasText: `${last.name} 第 1 页` })
      .waitFor();
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'case page');
    await screenshot(page, 'case.zh-CN.1366');

    // This case's pages repeat in two other applicants' cases: the first findings show, the rest fold away.
    const reuse = page.getByTestId('reuse-alert');
    assert.equal(await reuse.getByTestId('reuse-compare-open').count(), 3);
    await reuse.getByTestId('reuse-more').click();
    assert.ok((await reuse.getByTestId('reuse-compare-open').count()) > 3, 'every finding once unfolded');
    await reuse.getByTestId('reuse-more').click();
    assert.equal(await reuse.getByTestId('reuse-compare-open').count(), 3);

    await page.getByRole('tab', { name: '办理轨迹' }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('受理', { exact: true }).waitFor();
    await timeline.getByText('呈报', { exact: true }).waitFor();
    await timeline.getByText('意见：材料齐全，同意上报').waitFor();
    await screenshot(page, 'case.timeline.zh-CN.1366');
    await context.close();
  });

  it('lets the branch reviewer review with an opinion; the case moves on to the city', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.reviewer');
    await openCase(page, reviewed);
    await page.getByTestId('case-pending').filter({ hasText: '待分局审批' }).waitFor();
    // The tooltip names the shortcut; the shortcut opens the same confirmation.
    assert.equal(
      await page.locator('[data-act]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-act')).join(',')),
      'review,return',
    );
    await page.keyboard.press('Alt+KeyA');
    const dialog = await standingDialog(page);
    await dialog.getByTestId('act-explanation').filter({ hasText: '审核通过，业务转市局审批' }).waitFor();
    await dialog.getByText('办理人：吴磊（鄂城分局） · 分局审核民警').waitFor();
    await dialog.getByLabel('审批意见（可选）').fill('经审核，符合规定，请市局审批');
    await assertAccessible(page, 'act confirmation');
    await screenshot(page, 'case.review-confirm.zh-CN.1366');
    await dialog.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('已审核通过，业务已转市局').waitFor();
    await page.getByTestId('case-pending').filter({ hasText: '待市局审批' }).waitFor();
    await page.getByTestId('no-acts').waitFor();
    assert.equal(await page.locator('[data-act]').count(), 0);

    const api = await as(web.env, 'city.approver');
    const now = await api.get(`/api/cases/${reviewed.id}`);
    assert.equal(now.body.pendingLevel, 'city');
    const trail = await api.get(`/api/cases/${reviewed.id}/timeline`);
    const review = trail.body.events.filter((e: any) => e.action === 'case.review' && e.outcome === 'ok').at(-1);
    assert.equal(review.reason, '经审核，符合规定，请市局审批');
    await context.close();
  });

  it('says so in Chinese when another session acted first, and shows the case as it now is', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.reviewer');
    await openCase(page, raced);
    await page.locator('[data-act="review"]').waitFor();

    const elsewhere = await as(web.env, 'echeng.reviewer');
    const returned = await elsewhere.post(`/api/cases/${raced.id}/return`, { reason: '户口簿影像不清晰' });
    assert.equal(returned.status, 200, JSON.stringify(returned.body));

    await page.locator('[data-act="review"]').click();
    await (await standingDialog(page)).getByRole('button', { name: '审核通过' }).click();
    const notice = page.getByTestId('case-notice');
    await notice.getByText('此业务已被他人处理').waitFor();
    await notice.getByText(/吴磊（鄂城分局）已于 .* 退回，您的操作未执行。以下是业务的当前状态：已退回。/).waitFor();
    await page.getByTestId('case-status').getByText('已退回').waitFor();
    assert.equal(await page.locator('[data-act]').count(), 0, 'no act is offered on a returned case to the branch');
    await screenshot(page, 'case.conflict.zh-CN.1366');
    await context.close();
  });

  it('reveals a full ID number only with a reason, once, and records it', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'echeng.reviewer');
    await openCase(page, shown);
    await page.getByTestId('reveal-applicant').click();
    const dialog = await standingDialog(page);
    await dialog.getByRole('button', { name: /显\s*示/ }).click();
    await dialog.getByText('请填写查看原因（至少 2 个字）').waitFor();
    await dialog.getByLabel('查看原因').fill('核对申请人身份');
    await dialog.getByRole('button', { name: /显\s*示/ }).click();
    await dialog.getByTestId('revealed-id').filter({ hasText: shown.idNumber }).waitFor();
    await screenshot(page, 'case.reveal-id.zh-CN.1366');
    await dialog
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await dialog.waitFor({ state: 'hidden' });
    assert.ok(!(await page.content()).includes(shown.idNumber), 'the full number is gone once the dialog is closed');

    const trail = await (await as(web.env, 'echeng.reviewer')).get(`/api/cases/${shown.id}/timeline`);
    const revealEvent = trail.body.events.find((e: any) => e.action === 'case.reveal_id');
    assert.equal(revealEvent?.reason, '核对申请人身份');
    await context.close();
  });

  it('shows an auxiliary no decision buttons and no way to reveal an ID number, only capture', async () => {
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.aux');
    await openCase(page, atStation);
    await page.getByTestId('materials-summary').filter({ hasText: '必需材料 0/5 项已齐全' }).waitFor();
    assert.equal(await page.locator('[data-act]').count(), 0);
    assert.equal(await page.getByTestId('reveal-applicant').count(), 0);
    assert.equal(await page.getByRole('button', { name: /显示完整号码/ }).count(), 0);
    await page.getByText('尚未采集任何材料影像').waitFor();
    await assertAccessible(page, 'case page for an auxiliary');
    await screenshot(page, 'case.auxiliary.zh-CN.1366');
    // The server agrees: the act the page does not offer is refused.
    const forced = await (await as(web.env, 'gulou.aux')).post(`/api/cases/${atStation.id}/withdraw`, { reason: '试图撤回' });
    assert.equal(forced.status, 403);

    await page.getByTestId('page-viewer-empty').getByRole('button', { name: '采集材料' }).click();
    await page.waitForURL(`**/cases/${atStation.id}/capture`);

    await page.goto('/cases/00000000-0000-4000-8000-000000000000');
    await page.getByText('找不到该业务').waitFor();
    await context.close();
  });

  it('looks right at 1920×1080 and in English', async () => {
    const wide = await openPage(web, { viewport: { width: 1920, height: 1080 } });
    await signIn(wide.page, 'echeng.reviewer');
    await openCase(wide.page, shown);
    await wide.page.getByTestId('page-position').waitFor();
    await screenshot(wide.page, 'case.zh-CN.1920');
    await wide.context.close();

    const english = await openPage(web, { locale: 'en' });
    await signIn(english.page, 'echeng.reviewer');
    await openCase(english.page, shown);
    await english.page.getByRole('button', { name: 'Pass review' }).waitFor();
    await english.page
      .getByTestId('page-position')
      .filter({ hasText: `Page 1 of ${shown.pages}` })
      .waitFor();
    await assertAccessible(english.page, 'case page in English');
    await screenshot(english.page, 'case.en.1366');
    await english.page.goto('/search');
    await english.page.getByTestId('search-results').getByRole('row').nth(1).waitFor();
    await screenshot(english.page, 'search.en.1366');
    await english.context.close();
  });
});
