import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { CatalogSubtype } from '../../server/modules/catalog/catalog.schema.ts';
import { DEMO_PASSWORD } from '../../server/modules/org/demo-organisation.ts';
import { as, type Client } from '../support/api.ts';
import { documentPage, scannerPdf } from '../support/document-images.ts';
import { acceptSample, firstMaterialCode, subtypeWithChain } from '../support/journey.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

type Window = Awaited<ReturnType<typeof openPage>>;

/**
 * The server reads, measures and hashes every page of an upload before it answers (a few seconds a
 * page), and more slowly when the whole suite runs at once: waits for an upload's answer get longer.
 */
const UPLOADED = { timeout: 60_000 };

/** The capture page of a case, its camera running. */
async function openCapture(page: Page, caseId: string) {
  await page.goto(`/cases/${caseId}/capture`);
  await page.getByTestId('camera-resolution').waitFor();
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
}

/** A file chosen as the officer would, with the picker beside the camera. */
async function chooseFile(page: Page, name: string, buffer: Buffer, mimeType = 'image/jpeg') {
  await page.getByTestId('choose-files').setInputFiles({ name, mimeType, buffer });
}

/** Uploads the staged pages of the current material and waits until the server holds them. */
async function uploadStaged(page: Page, n: number) {
  await page.getByRole('button', { name: `上传 ${n} 页` }).click();
  await page
    .getByTestId('staged-page')
    .first()
    .waitFor({ state: 'detached', ...UPLOADED });
}

async function auditCount(web: WebEnv, caseId: string, action: string): Promise<number> {
  const rows = await web.env.ctx.db.kysely
    .selectFrom('audit_events')
    .select('seq')
    .where('case_id', '=', caseId)
    .where('action', '=', action as never)
    .where('outcome', '=', 'ok')
    .execute();
  return rows.length;
}

describe('browser: the capture pipeline at the window and in the case page', () => {
  let web: WebEnv;
  let officer: Client;
  let subtype: CatalogSubtype;
  let material: string;
  let window: Window | undefined;
  let serial = 400;
  const newCase = async (applicant = serial++) => (await acceptSample(officer, subtype, applicant)) as { id: string; caseNo: string };
  const view = async (caseId: string) => (await officer.get(`/api/cases/${caseId}`)).body;

  before(async () => {
    web = await startWebEnv();
    officer = await as(web.env, 'gulou.officer');
    subtype = subtypeWithChain(web.env, 'station');
    material = firstMaterialCode(subtype);
    window = await openPage(web);
    await signIn(window.page, 'gulou.officer');
  });
  after(async () => {
    await window?.context.close();
    await web.close();
  });

  it('shows a blurred page’s warning at once; the officer keeps it with a reason, and the case page says so', async () => {
    assert.ok(window);
    const { page } = window;
    const kase = await newCase();
    await openCapture(page, kase.id);
    await page.getByTestId(`material-${material}`).click();
    await chooseFile(page, 'blurred.jpg', await documentPage({ seed: 1041, variant: 'blurred' }));
    await page.getByTestId('staged-page').first().waitFor();
    await uploadStaged(page, 1);

    const card = page.getByTestId('captured-page').first();
    await card.getByText('图像模糊').waitFor();
    assert.equal(await card.getAttribute('data-warnings'), 'BLURRED');
    await page.getByTestId('quality-summary').getByText('1 页有质量提示未处理').waitFor();
    // The page stays on the material whose new page needs a decision.
    assert.equal(await page.getByTestId(`material-${material}`).getAttribute('aria-pressed'), 'true');
    await screenshot(page, 'capture-pipeline.1-quality-warning.zh-CN.1366');
    await assertAccessible(page, 'capture page with a quality warning');

    // 仍然使用: the reason is required, then the page is kept with it.
    await card.getByRole('button', { name: '仍然使用' }).click();
    const dialog = await standingDialog(page, '该页有质量提示：图像模糊');
    await dialog.getByTestId('reason-ok').click();
    await dialog.getByText('请填写原因（至少 2 个字）').waitFor();
    await dialog.getByLabel('原因').fill('原件字迹本身模糊，已是最清晰的一次');
    // Once it has been said, the message goes as soon as the reason is long enough.
    await dialog.getByText('请填写原因（至少 2 个字）').waitFor({ state: 'detached' });
    await screenshot(page, 'capture-pipeline.2-use-anyway.zh-CN.1366');
    await assertAccessible(page, 'use-anyway dialog');
    await dialog.getByTestId('reason-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByTestId('quality-accepted').waitFor();
    await page.getByTestId('quality-summary').waitFor({ state: 'detached' });
    const kept = (await view(kase.id)).images[0];
    assert.equal(kept.qualityOverride.reason, '原件字迹本身模糊，已是最清晰的一次');

    // Every later reader sees the warning and who accepted it, and why.
    await page.goto(`/cases/${kase.id}`);
    const accepted = page.getByTestId('page-quality-accepted');
    await accepted.getByText('质量提示已确认').waitFor();
    await accepted.getByText('图像模糊').waitFor();
    await accepted.getByText(/张伟.*确认使用，原因：原件字迹本身模糊，已是最清晰的一次/).waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid="page-viewer"] img')?.naturalWidth);
    await screenshot(page, 'capture-pipeline.3-case-quality-accepted.zh-CN.1366');
    await assertAccessible(page, 'case page with an accepted quality warning');
    // The viewer shows the preview and the strip the thumbnail, never the original.
    const kinds = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).searchParams.get('kind'))
        .filter((kind): kind is string => kind !== null),
    );
    assert.ok(kinds.includes('preview') && kinds.includes('thumbnail'), kinds.join());
    assert.ok(!kinds.includes('original'), 'the original is fetched only when asked for');
  });

  it('retakes a dark page from a file: the new page takes its place, the warning is gone', async () => {
    assert.ok(window);
    const { page } = window;
    const kase = await newCase();
    await officer.upload(kase.id, material, await documentPage({ seed: 1042, variant: 'dark' }));
    const dark = (await view(kase.id)).images[0];
    assert.deepEqual(
      dark.qualityWarnings.map((w: { code: string }) => w.code),
      ['TOO_DARK'],
    );

    await openCapture(page, kase.id);
    await page.getByTestId(`material-${material}`).click();
    const card = page.getByTestId('captured-page').first();
    await card.getByText('过暗').waitFor();
    await card.getByRole('button', { name: /重\s*拍/ }).click();
    await page.getByTestId('retake-armed').getByText('将替换已上传的第 1 页').waitFor();
    await screenshot(page, 'capture-pipeline.4-retake-armed.zh-CN.1366');
    await chooseFile(page, 'again.jpg', await documentPage({ seed: 1042 }));
    await page.locator(`[data-testid="captured-page"]:not([data-image-id="${dark.id}"])`).waitFor(UPLOADED);
    assert.equal(await page.getByTestId('captured-page').count(), 1);
    assert.equal(await card.getAttribute('data-warnings'), '');

    const images = (await view(kase.id)).images;
    assert.equal(images.length, 1);
    assert.equal(images[0].pageNo, 1);
    assert.notEqual(images[0].id, dark.id);
    assert.deepEqual(images[0].qualityWarnings, []);

    // A retake with the camera: armed on the page, Space takes the frame in its place.
    await page.getByRole('button', { name: '第 1 页 重拍此页' }).click();
    await page.getByTestId('retake-armed').waitFor();
    await page.keyboard.press('Space');
    await page.locator(`[data-testid="captured-page"]:not([data-image-id="${images[0].id}"])`).waitFor(UPLOADED);
    await page.getByTestId('retake-armed').waitFor({ state: 'detached' });
    const again = (await view(kase.id)).images;
    assert.equal(again.length, 1, 'still one page');
    assert.notEqual(again[0].id, images[0].id);
    assert.equal(again[0].pageNo, 1);
  });

  it('takes a scanner’s PDF as its pages, puts them in a new order and takes one out with a reason', async () => {
    assert.ok(window);
    const { page } = window;
    const kase = await newCase();
    await openCapture(page, kase.id);
    await page.getByTestId('material-hukou-book').click();
    const jpegs = await Promise.all([1051, 1052, 1053].map((seed) => documentPage({ seed, dpi: 150 })));
    const pdf = scannerPdf(jpegs.map((jpeg) => ({ jpeg, width: 1240, height: 1754, widthMm: 210, heightMm: 297 })));
    // Saved without an extension: the file is taken for what its bytes say.
    await chooseFile(page, 'scan', pdf, 'application/octet-stream');
    await page.getByTestId('staged-file-name').getByText('scan').waitFor();
    await page.getByText(/PDF · [\d.]+ (KB|MB)/).waitFor();
    await screenshot(page, 'capture-pipeline.5-pdf-staged.zh-CN.1366');
    await uploadStaged(page, 1);
    // The material is complete and clean: the checklist moved on; back to it.
    await page.getByTestId('material-hukou-book').click();
    const cards = page.getByTestId('captured-page');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="captured-page"]').length === 3);
    const [a, b, c] = (await view(kase.id)).images.filter((i: { materialCode: string }) => i.materialCode === 'hukou-book');
    assert.deepEqual(
      [a, b, c].map((i) => i.sourcePage),
      [0, 1, 2],
    );
    await page.getByTestId('strip-counts').getByText('已上传 3 页').waitFor();
    await screenshot(page, 'capture-pipeline.6-pdf-pages.zh-CN.1366');
    await assertAccessible(page, 'capture page with the pages of a PDF');

    // Page 1 moves after page 2 (整理, on the server at once).
    await page.getByRole('button', { name: '第 1 页 后移' }).click();
    await page.locator(`[data-testid="captured-page"][data-image-id="${b.id}"]`).and(cards.first()).waitFor();
    const order = (await view(kase.id)).images.filter((i: { materialCode: string }) => i.materialCode === 'hukou-book');
    assert.deepEqual(
      order.map((i: { id: string; pageNo: number }) => [i.id, i.pageNo]),
      [
        [b.id, 1],
        [a.id, 2],
        [c.id, 3],
      ],
    );

    // The third page was captured by mistake: taken out, with the reason.
    await page.getByRole('button', { name: '第 3 页 删除此页' }).click();
    const dialog = await standingDialog(page);
    await dialog.getByLabel('原因').fill('误扫了其他材料');
    await dialog.getByTestId('reason-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="captured-page"]').length === 2);
    const left = (await view(kase.id)).images.filter((i: { materialCode: string }) => i.materialCode === 'hukou-book');
    assert.deepEqual(
      left.map((i: { id: string }) => i.id),
      [b.id, a.id],
    );

    // The timeline tells it as it happened.
    await page.goto(`/cases/${kase.id}`);
    await page.getByRole('tab', { name: '办理轨迹' }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('PDF 文件，3 页').waitFor();
    await timeline.getByText('调整居民户口簿（首页及户主页）的页序').waitFor();
    await timeline.getByText('移除居民户口簿（首页及户主页） 第 3 页').waitFor();
    await timeline.getByText('原因：误扫了其他材料').waitFor();
    await screenshot(page, 'capture-pipeline.7-timeline.zh-CN.1366');
  });

  it('takes the applicant’s portrait with the camera; the case page loads it only when asked, and the look is in the trail', async () => {
    assert.ok(window);
    const { page } = window;
    const kase = await newCase();
    await openCapture(page, kase.id);
    await page.getByTestId('portrait-step').click();
    await page.getByTestId('portrait-panel').getByText('尚未采集').waitFor();
    await page.getByRole('button', { name: '拍摄现场照片' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid="portrait-panel"] img')?.naturalWidth);
    await screenshot(page, 'capture-pipeline.8-portrait-taken.zh-CN.1366');
    await assertAccessible(page, 'capture page, portrait step');
    await page.getByTestId('portrait-upload').click();
    await page.getByTestId('portrait-taken').waitFor(UPLOADED);
    await page.getByTestId('portrait-step').getByText('已采集').waitFor();
    assert.ok((await view(kase.id)).portrait?.capturedAt);

    await page.goto(`/cases/${kase.id}`);
    await page
      .getByTestId('portrait-state')
      .getByText(/已采集/)
      .waitFor();
    await page.getByTestId('page-viewer-empty').waitFor();
    assert.equal(await auditCount(web, kase.id, 'case.portrait_view'), 0, 'opening the case does not load the portrait');
    await page.getByTestId('view-portrait').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('查看现场照片会记入审计日志').waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid="portrait-view"] img')?.naturalWidth);
    await screenshot(page, 'capture-pipeline.9-portrait-view.zh-CN.1366');
    await assertAccessible(page, 'portrait dialog');
    assert.equal(await auditCount(web, kase.id, 'case.portrait_view'), 1);
    await dialog.getByRole('button', { name: '关 闭', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('[data-testid="portrait-view"] img').count(), 0, 'closed, the portrait is gone from the page');
  });

  it('flags the same document in two applicants’ cases and compares both pages side by side', async () => {
    assert.ok(window);
    const { page } = window;
    const bytes = await documentPage({ seed: 1081 });
    const first = await newCase(501);
    await officer.upload(first.id, material, bytes);
    const second = await newCase(502);
    await openCapture(page, second.id);
    await page.getByTestId(`material-${material}`).click();
    await chooseFile(page, 'certificate.jpg', bytes);
    await uploadStaged(page, 1);
    await page.getByTestId('captured-reuse').getByText(`与业务 ${first.caseNo} 的影像相同`).waitFor();

    await page.goto(`/cases/${second.id}`);
    const alert = page.getByTestId('reuse-alert');
    await alert.getByText(`疑似重复使用：与业务 ${first.caseNo} 的影像相同`).waitFor();
    await page.getByTestId('page-reuse').waitFor();
    await page.getByTestId('capture-notes').getByText('疑似重复使用 1 页').waitFor();
    await screenshot(page, 'capture-pipeline.10-reuse.zh-CN.1366');
    await assertAccessible(page, 'case page with a reuse finding');
    await alert.getByTestId('reuse-compare-open').click();
    const compare = page.getByTestId('reuse-compare');
    await compare.getByTestId('compare-theirs').getByText(first.caseNo).waitFor();
    await compare.getByTestId('compare-theirs').getByText('古楼派出所').waitFor();
    await page.waitForFunction(() =>
      ['compare-ours', 'compare-theirs'].every((side) => document.querySelector<HTMLImageElement>(`[data-testid="${side}"] img`)?.naturalWidth),
    );
    await screenshot(page, 'capture-pipeline.11-reuse-compare.zh-CN.1366');
    await assertAccessible(page, 'side-by-side comparison');

    // The same in English, on a wide screen.
    const english = await openPage(web, { locale: 'en', viewport: { width: 1920, height: 1080 } });
    await signIn(english.page, 'gulou.officer');
    await english.page.goto(`/cases/${second.id}`);
    await english.page.getByTestId('reuse-alert').getByText(`Possible reuse: same image as in case ${first.caseNo}`).waitFor();
    await english.page.getByTestId('capture-notes').getByText('1 possibly reused').waitFor();
    await screenshot(english.page, 'capture-pipeline.10-reuse.en.1920');
    await english.page.getByTestId('reuse-compare-open').click();
    await english.page.getByTestId('reuse-compare').getByText('The other case').waitFor();
    await assertAccessible(english.page, 'side-by-side comparison in English');
    await screenshot(english.page, 'capture-pipeline.11-reuse-compare.en.1920');
    await english.context.close();
  });

  it('after the capture limit asks for a 补录 reason once, sends it with the page, and marks the page for every reader', async () => {
    assert.ok(window);
    const { page } = window;
    const kase = await newCase();
    // A page staged before the limit, not yet uploaded when the officer leaves the window for the night.
    await openCapture(page, kase.id);
    await page.getByTestId(`material-${material}`).click();
    await chooseFile(page, 'late.jpg', await documentPage({ seed: 1091 }));
    await page.getByTestId('staged-page').first().waitFor();
    assert.equal(await page.getByTestId('supplement-banner').count(), 0, 'within the limit: plain capture');

    web.env.clock.advanceHours(subtype.captureLimitHours + 1);
    web.env.forgetSessions();
    officer = await as(web.env, 'gulou.officer');

    // Next morning: the session has ended; signing in again over the page keeps the staged page.
    await page.getByRole('button', { name: '上传 1 页' }).click();
    const signInAgain = await standingDialog(page, '登录已超时');
    await signInAgain.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await signInAgain.getByRole('button', { name: /^登\s*录$/ }).click();
    await signInAgain.waitFor({ state: 'hidden' });
    assert.equal(await page.getByTestId('staged-page').count(), 1, 'the page is still there');

    // The limit has passed: the server refuses plain capture, and the page turns to 补录.
    await page.getByRole('button', { name: '重试上传' }).click();
    const banner = page.getByTestId('supplement-banner');
    await banner.getByText(/已超过采集期限/).waitFor(UPLOADED);
    await page.getByRole('button', { name: '重试上传' }).click();
    await banner.getByText('请先填写补录原因（至少 2 个字）').waitFor();
    assert.equal(await page.getByTestId('staged-page').count(), 1, 'still there');
    await screenshot(page, 'capture-pipeline.12-supplement-reason.zh-CN.1366');
    await assertAccessible(page, 'capture page in 补录 mode');
    await banner.getByLabel('补录原因').fill('申请人次日补交出生医学证明');
    await page.getByRole('button', { name: '重试上传' }).click();
    await page
      .getByTestId('staged-page')
      .first()
      .waitFor({ state: 'detached', ...UPLOADED });
    await page.getByTestId(`material-${material}`).click();
    await page.getByTestId('captured-supplement').waitFor();
    const [supplemented] = (await view(kase.id)).images;
    assert.deepEqual([supplemented.supplement, supplemented.late], [{ reason: '申请人次日补交出生医学证明' }, true]);

    // Opened afresh, the page says so before anything is sent: the server's allowedActs offer only 补录.
    await page.reload();
    await page
      .getByTestId('supplement-banner')
      .getByText(/已超过采集期限/)
      .waitFor();

    await page.goto(`/cases/${kase.id}`);
    const note = page.getByTestId('page-supplement');
    await note.getByText('补录', { exact: true }).waitFor();
    await note.getByText(/张伟.* 于 .* 补录，原因：申请人次日补交出生医学证明/).waitFor();
    await page.getByTestId('capture-notes').getByText('补录 1 页').waitFor();
    await page.locator('[data-supplement="true"]').first().waitFor();
    await screenshot(page, 'capture-pipeline.13-case-supplement.zh-CN.1366');
    await assertAccessible(page, 'case page with a 补录 page');

    // The auxiliary may not 补录: the camera stops, and says who may.
    const auxiliary = await openPage(web);
    await signIn(auxiliary.page, 'gulou.aux');
    await auxiliary.page.goto(`/cases/${kase.id}/capture`);
    await auxiliary.page.getByTestId('supplement-officer-only').waitFor();
    assert.equal(await auxiliary.page.getByTestId('supplement-banner').count(), 0);
    await auxiliary.context.close();
  });
});
