import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { demoCitizenId } from '../../server/modules/population/demo-people.ts';
import { as } from '../support/api.ts';
import { acceptSample, allSubtypes } from '../support/journey.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';
import { CAMERA_HEIGHT, CAMERA_WIDTH } from './support/fake-camera.ts';

const APPLICANT_ID = demoCitizenId('420704', '1988-03-09', 7, 'male');
/** The same number with its check character changed: a mistyped digit, as at a real window. */
const MISTYPED_ID = APPLICANT_ID.slice(0, 17) + (APPLICANT_ID[17] === '0' ? '1' : '0');
const HOUSEHOLDER_ID = demoCitizenId('420704', '1986-06-01', 3, 'male');

/** 0101 当年出生: its required materials and their minimum pages, as the catalog ships them. */
const REQUIRED = [
  { code: 'birth-medical-certificate', pages: 1 },
  { code: 'parents-id-cards', pages: 2 },
  { code: 'hukou-book', pages: 2 },
  { code: 'application-form', pages: 1 },
];

async function stagedPages(page: Page) {
  return page.getByTestId('staged-page').count();
}

/** Captures n pages of the current material with the fake document camera (Space, as at the window). */
async function captureWithCamera(page: Page, n: number) {
  const before = await stagedPages(page);
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Space');
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="staged-page"]').length === count, before + i + 1);
  }
}

async function uploadCurrent(page: Page) {
  await page.getByRole('button', { name: /上传 \d+ 页/ }).click();
  await page.getByTestId('staged-page').first().waitFor({ state: 'detached' });
}

/** Finds a division in the GB/T 2260 picker by typing part of its name, then takes the matching path. */
async function pickDivision(page: Page, label: string, typed: string, path: string) {
  await page.getByLabel(label).click();
  await page.getByLabel(label).fill(typed);
  const option = page.locator('.ant-cascader-menu-item').filter({ hasText: path }).first();
  await option.waitFor();
  await option.click();
  await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
}

async function acceptThroughDialog(page: Page) {
  await page.getByRole('button', { name: '受 理' }).click();
  const confirm = await standingDialog(page, /以 张伟（古楼窗口） 的名义受理“0101 当年出生”，申请人 张三/);
  await confirm.getByRole('button', { name: '确认受理' }).click();
  await confirm.waitFor({ state: 'hidden' });
}

async function imageSize(web: WebEnv, caseId: string, imageId: string) {
  const officer = await as(web.env, 'gulou.officer');
  const res = await officer.get(`/api/cases/${caseId}/images/${imageId}/content`);
  assert.equal(res.raw.statusCode, 200);
  const meta = await sharp(res.raw.rawPayload).metadata();
  return { width: meta.width, height: meta.height, format: meta.format };
}

describe('browser: acceptance at the window and capture with the document camera', () => {
  let web: WebEnv;
  let caseId = '';
  // The officer's window: the second test goes on where the first one left it, on the new case's capture page.
  let officerWindow: Awaited<ReturnType<typeof openPage>> | undefined;
  before(async () => {
    web = await startWebEnv();
  });
  after(async () => {
    await officerWindow?.context.close();
    await web.close();
  });

  it('accepts a case: sub-type by pinyin initials, the ID number checked as typed, a draft that survives a reload', async () => {
    officerWindow = await openPage(web);
    const { page } = officerWindow;
    await signIn(page, 'gulou.officer');
    await page.goto('/accept');

    // 业务类型: dncs finds 当年出生 first; Enter takes it.
    const search = page.getByRole('combobox', { name: '搜索业务小类' });
    await search.fill('dncs');
    const options = page.getByRole('option');
    assert.match((await options.first().textContent()) ?? '', /0101当年出生/);
    await screenshot(page, 'accept.1-subtype.zh-CN.1366');
    await assertAccessible(page, 'acceptance: sub-type');
    await search.press('Enter');

    // 申请人: a mistyped digit is named as such; birth date and sex are read from the right number.
    await page.getByLabel('申请人姓名').fill('张三');
    const idNumber = page.getByLabel('申请人公民身份号码');
    await idNumber.fill(MISTYPED_ID);
    await page.getByText('校验码不正确').waitFor();
    await screenshot(page, 'accept.2-applicant-wrong-id.zh-CN.1366');
    await idNumber.fill(APPLICANT_ID);
    await page.getByText('出生日期 1988-03-09 · 男').waitFor();
    await page.getByLabel('联系电话').fill('13800000000');
    await assertAccessible(page, 'acceptance: applicant');

    // The half-filled form survives a reload, on the step it was left at.
    await page.reload();
    await page.getByText('已恢复上次未完成的填写').waitFor();
    assert.equal(await page.getByLabel('申请人公民身份号码').inputValue(), APPLICANT_ID);
    assert.equal(await page.getByLabel('申请人姓名').inputValue(), '张三');
    await page.getByLabel('联系电话').press('Enter');

    // 业务信息: the sub-type's own fields, checked by the server's rules before going on.
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText(/还有 \d+ 项需要补充或更正/).waitFor();
    await page.getByLabel('婴儿姓名').fill('张小宝');
    await page
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: '女' }) })
      .click();
    await page.getByLabel('出生日期').fill('2026-11-01');
    await page.getByLabel('出生日期').press('Enter');
    await pickDivision(page, '出生地行政区划', '鄂城', '鄂州市 / 鄂城区');
    await page.getByLabel('民族').fill('汉族');
    await page.getByLabel('母亲姓名').fill('李四');
    await page.getByLabel('户主公民身份号码').fill(HOUSEHOLDER_ID.slice(0, 12));
    await page.getByText('已输入 12 / 18 位').waitFor();
    await page.getByLabel('户主公民身份号码').fill(HOUSEHOLDER_ID);
    await page.getByLabel('与户主关系').click();
    await page.getByLabel('与户主关系').fill('子');
    await page.getByLabel('与户主关系').press('Enter');
    await page.getByLabel('出生医学证明编号').fill('R420000001');
    await screenshot(page, 'accept.3-fields.zh-CN.1366');
    await assertAccessible(page, 'acceptance: fields');
    await page.getByRole('button', { name: '下一步' }).click();

    // 材料清单: the checklist of the sub-type, then 受理 with a confirmation.
    await page.getByText('出生医学证明').first().waitFor();
    await screenshot(page, 'accept.4-materials.zh-CN.1366');
    await assertAccessible(page, 'acceptance: materials');
    // A problem only the server finds is shown beside its field: here a division code altered on the way.
    await page.route(
      '**/api/cases',
      async (route) => {
        const body = route.request().postDataJSON();
        body.fields.birthPlaceDivision = '999999';
        await route.continue({ postData: JSON.stringify(body) });
      },
      { times: 1 },
    );
    await acceptThroughDialog(page);
    await page.getByText('服务器未接受以下业务信息').waitFor();
    const division = page.locator('.ant-form-item').filter({ has: page.getByLabel('出生地行政区划') });
    await division.getByText('请选择有效的行政区划').waitFor();
    await screenshot(page, 'accept.3-fields-refused.zh-CN.1366');
    await pickDivision(page, '出生地行政区划', '华容', '鄂州市 / 华容区');
    await division.getByText('请选择有效的行政区划').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '下一步' }).click();
    await acceptThroughDialog(page);

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/capture$/);
    caseId = /\/cases\/([0-9a-f-]{36})\/capture$/.exec(page.url())?.[1] ?? '';
    const officer = await as(web.env, 'gulou.officer');
    const view = (await officer.get(`/api/cases/${caseId}`)).body;
    assert.equal(view.subtype.code, '0101');
    assert.equal(view.applicant.name, '张三');
    assert.equal(view.fields.birthPlaceDivision, '420703');
    assert.equal(view.fields.childSex, '2');
    assert.equal(view.fields.relationToHouseholder, 'son');
    assert.equal(view.fields.childBirthDate, '2026-11-01');
    // Accepted: the draft with its full ID numbers is gone from the tab.
    assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
  });

  it('captures every required page with the camera, turns and reorders, uploads once however often retried, verifies and submits', async () => {
    assert.ok(caseId && officerWindow, 'the case accepted through the page');
    const { page } = officerWindow;
    // The camera gives the most it has: the fake document camera is 1600×1200.
    await page
      .getByTestId('camera-resolution')
      .filter({ hasText: `${CAMERA_WIDTH} × ${CAMERA_HEIGHT}` })
      .waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    await page.getByTestId('checklist-summary').filter({ hasText: '尚缺 4 项必需材料' }).waitFor();

    // 呈报 with nothing captured is refused, and the refusal names what is missing.
    await page.getByRole('button', { name: /呈\s*报/ }).click();
    await (await standingDialog(page)).getByRole('button', { name: /呈\s*报/ }).click();
    const refusal = page.getByTestId('act-refusal');
    await refusal.waitFor();
    for (const name of ['出生医学证明：已采 0 页，至少 1 页', '父母居民身份证：已采 0 页，至少 2 页', '出生登记申请表：已采 0 页，至少 1 页']) {
      await refusal.getByText(name).waitFor();
    }

    // 父母居民身份证: two pages; the first is turned a quarter and moved after the second.
    await page.getByTestId('material-parents-id-cards').click();
    await captureWithCamera(page, 2);
    await page.getByRole('button', { name: '第 1 页 顺时针旋转 90°' }).click();
    assert.equal(await page.getByTestId('staged-page').first().getAttribute('data-rotation'), '90');
    await page.getByRole('button', { name: '第 1 页 后移' }).click();
    assert.equal(await page.getByTestId('staged-page').nth(1).getAttribute('data-rotation'), '90');
    await screenshot(page, 'capture.staged.zh-CN.1366');
    await assertAccessible(page, 'capture page with staged pages');

    // The first answer is lost on the way back: the page stays staged, the retry reuses its key.
    let lost = 0;
    await page.route('**/api/cases/*/images', async (route) => {
      if (lost++ > 0) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '上传 2 页' }).click();
    await page.getByRole('button', { name: '重试上传' }).waitFor();
    assert.equal(await page.getByTestId('staged-page').first().getAttribute('data-state'), 'failed');
    await page.getByRole('button', { name: '重试上传' }).click();
    await page.getByTestId('pages-parents-id-cards').filter({ hasText: '2 / 2 页' }).waitFor();
    await page.unroute('**/api/cases/*/images');

    const officer = await as(web.env, 'gulou.officer');
    let view = (await officer.get(`/api/cases/${caseId}`)).body;
    const idCards = view.images.filter((image: { materialCode: string }) => image.materialCode === 'parents-id-cards');
    assert.equal(idCards.length, 2, 'the lost answer did not make a second page');
    // Page 1 is the untouched frame, page 2 the turned one (its sides swapped by the canvas before upload).
    const [first, second] = [...idCards].sort((a, b) => a.pageNo - b.pageNo);
    assert.deepEqual(await imageSize(web, caseId, first.id), { width: CAMERA_WIDTH, height: CAMERA_HEIGHT, format: 'jpeg' });
    assert.deepEqual(await imageSize(web, caseId, second.id), { width: CAMERA_HEIGHT, height: CAMERA_WIDTH, format: 'jpeg' });

    // 户口簿: a third page by mistake is deleted, and the second is retaken in its place.
    await page.getByTestId('material-hukou-book').click();
    await captureWithCamera(page, 3);
    await page.getByRole('button', { name: '第 3 页 删除此页' }).click();
    assert.equal(await stagedPages(page), 2);
    const secondThumb = page.getByTestId('staged-page').nth(1).locator('img');
    const before = await secondThumb.getAttribute('src');
    await page.getByRole('button', { name: '第 2 页 重拍此页' }).click();
    await page.getByText('下一次拍摄将替换第 2 页').waitFor();
    await page.keyboard.press('Space');
    await page.waitForFunction((old) => document.querySelectorAll('[data-testid="staged-page"] img')[1]?.getAttribute('src') !== old, before);
    assert.equal(await stagedPages(page), 2);
    await uploadCurrent(page);
    await page.getByTestId('pages-hukou-book').filter({ hasText: '2 / 2 页' }).waitFor();

    // The other required materials: the checklist moves on to what is still missing by itself.
    for (const { code, pages } of REQUIRED.filter((m) => m.code !== 'parents-id-cards' && m.code !== 'hukou-book')) {
      await page.getByTestId(`material-${code}`).click();
      await captureWithCamera(page, pages);
      await uploadCurrent(page);
      await page.getByTestId(`material-${code}`).and(page.locator('[data-complete="true"]')).waitFor();
    }
    await page.getByTestId('checklist-summary').filter({ hasText: '必需材料已采集齐全' }).waitFor();

    // An optional page chosen from a file instead of the camera.
    await page.getByTestId('material-marriage-certificate').click();
    const file = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 240, g: 238, b: 230 } } })
      .png()
      .toBuffer();
    await page.getByTestId('choose-files').setInputFiles({ name: 'marriage.png', mimeType: 'image/png', buffer: file });
    await page.getByTestId('staged-page').first().waitFor();
    await screenshot(page, 'capture.complete.zh-CN.1366');
    await uploadCurrent(page);
    await page.getByTestId('pages-marriage-certificate').filter({ hasText: '1 / 2 页' }).waitFor();

    view = (await officer.get(`/api/cases/${caseId}`)).body;
    assert.equal(view.images.length, 7);
    assert.ok(view.materials.filter((m: { required: boolean }) => m.required).every((m: { complete: boolean }) => m.complete));

    // 核对原件, then 呈报: each confirmed, each shown only once the server has answered.
    await page.getByRole('button', { name: '核对原件' }).click();
    await (await standingDialog(page, '确认已逐项核对以下纸质原件')).getByRole('button', { name: '核对原件' }).click();
    await page.getByText('已核准').first().waitFor();
    await page.getByRole('button', { name: /呈\s*报/ }).click();
    await (await standingDialog(page, /将本业务呈报 派出所 审批/)).getByRole('button', { name: /呈\s*报/ }).click();
    await page.getByText('审批中').first().waitFor();
    // Past submission the window may only add pages as 补录, with a reason.
    await page.getByTestId('supplement-banner').getByText('业务已呈报：现在只能补录材料').waitFor();
    view = (await officer.get(`/api/cases/${caseId}`)).body;
    assert.equal(view.status, 'submitted');
    await screenshot(page, 'capture.submitted.zh-CN.1366');
  });

  it('lets the auxiliary capture, with no verify or submit to press', async () => {
    const officer = await as(web.env, 'gulou.officer');
    const subtype = allSubtypes(web.env).find((s) => s.code === '1204');
    assert.ok(subtype);
    const kase = await acceptSample(officer, subtype, 21);
    const { context, page } = await openPage(web);
    await signIn(page, 'gulou.aux');
    await page.goto(`/cases/${kase.id}/capture`);
    await page.getByTestId('camera-resolution').waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    await page.getByTestId('material-damaged-id-card').click();
    await page.getByRole('button', { name: /拍\s*摄/ }).click();
    await page.getByTestId('staged-page').first().waitFor();
    await uploadCurrent(page);
    await page.getByTestId('pages-damaged-id-card').filter({ hasText: '1 / 2 页' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '核对原件' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /呈\s*报/ }).count(), 0);
    await page.getByText('协警可采集材料').waitFor();
    await screenshot(page, 'capture.auxiliary.zh-CN.1366');
    await assertAccessible(page, 'capture page for the auxiliary');
    const view = (await officer.get(`/api/cases/${kase.id}`)).body;
    assert.equal(view.images.length, 1);
    assert.equal(view.images[0].materialCode, 'damaged-id-card');
    await context.close();
  });

  it('reads in English at 1920×1080', async () => {
    const officer = await as(web.env, 'gulou.officer');
    const subtype = allSubtypes(web.env).find((s) => s.code === '0304');
    assert.ok(subtype, 'a station-branch-city sub-type');
    const kase = await acceptSample(officer, subtype, 22);
    const { context, page } = await openPage(web, { locale: 'en', viewport: { width: 1920, height: 1080 } });
    await signIn(page, 'gulou.officer');
    await page.goto('/accept');
    await page.getByRole('combobox', { name: 'Search business types' }).fill('qtqs');
    assert.match((await page.getByRole('option').first().textContent()) ?? '', /0304/);
    await screenshot(page, 'accept.1-subtype.en.1920');
    await assertAccessible(page, 'acceptance in English');

    await page.goto(`/cases/${kase.id}/capture`);
    await page.getByTestId('camera-resolution').waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    await captureWithCamera(page, 1);
    await page.getByTestId('strip-counts').getByText('0 uploaded · 1 to upload').waitFor();
    await screenshot(page, 'capture.en.1920');
    await assertAccessible(page, 'capture page in English');
    await context.close();
  });
});
