import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { CatalogSubtype } from '../../server/modules/catalog/catalog.schema.ts';
import { as } from '../support/api.ts';
import { approveThroughChain, DECIDER, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { dropAppendOnlyGuards } from '../support/tamper.ts';
import { assertAccessible, openPage, screenshot, signIn, standingDialog, startWebEnv, type WebEnv } from './support/browser.ts';

const REVOKED_MESSAGE = '您的个人签名证书已被吊销，不能签章，请联系安全管理员';

interface SubmittedCase {
  id: string;
  caseNo: string;
}

async function openCase(page: Page, kase: SubmittedCase): Promise<void> {
  await page.goto(`/cases/${kase.id}`);
  await page.getByTestId('case-no').filter({ hasText: kase.caseNo }).waitFor();
}

/** Opens the 签章 tab and waits until it lists this many signatures. */
async function openSignatures(page: Page, count: number): Promise<Locator> {
  await page.getByRole('tab', { name: '签章' }).click();
  const list = page.getByTestId('signatures');
  await list.waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="signatures"] > li').length === n, count);
  return list;
}

/** Every seal picture in the scope has arrived and decoded (a broken image has no natural width). */
async function sealImagesLoaded(scope: Locator, count: number): Promise<void> {
  const images = scope.getByTestId('seal-image');
  await images.nth(count - 1).waitFor();
  assert.equal(await images.count(), count);
  await scope.page().waitForFunction((n) => {
    const shown = [...document.querySelectorAll<HTMLImageElement>('img[data-testid="seal-image"]')];
    return shown.length >= n && shown.every((img) => img.complete && img.naturalWidth > 0);
  }, count);
}

/** The row of a holder's latest certificate in the certificates table. */
function certificateRow(page: Page, holder: string): Locator {
  return page.locator(`[data-testid="certificates-table"] tbody tr[data-holder="${holder}"][data-latest="true"]`);
}

describe('browser: electronic seals', () => {
  let web: WebEnv;
  let subtype: CatalogSubtype;
  let signed: SubmittedCase;
  let waiting: SubmittedCase;
  let tampered: SubmittedCase;
  let reviewerId: string;

  before(async () => {
    web = await startWebEnv();
    // Branch then city: submit, review and approve make three signatures by three units.
    subtype = subtypeWithChain(web.env, 'branch,city');
    signed = await submittedCase(web.env, subtype, 1);
    await approveThroughChain(web.env, signed.id, subtype);
    waiting = await submittedCase(web.env, subtype, 2);
    tampered = await submittedCase(web.env, subtype, 3);
    await approveThroughChain(web.env, tampered.id, subtype);
    const reviewer = await web.env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', DECIDER.branch).executeTakeFirstOrThrow();
    reviewerId = reviewer.id;
  });
  after(async () => {
    await web?.close();
  });

  it('shows the city approver each decision’s seal and signature, oldest first, all verified', async () => {
    const { context, page } = await openPage(web, { viewport: { width: 1440, height: 900 } });
    await signIn(page, 'city.approver');
    await openCase(page, signed);
    const list = await openSignatures(page, 3);
    const entries = list.locator(':scope > li');
    assert.deepEqual(await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-act'))), ['submit', 'review', 'approve']);
    assert.deepEqual(await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-valid'))), ['true', 'true', 'true']);
    assert.equal(await list.getByText('验证通过', { exact: true }).count(), 3);
    assert.equal(await list.getByText('验证失败').count(), 0);
    assert.equal(await page.getByTestId('signatures-failed').count(), 0);
    await entries.nth(0).getByText('呈报', { exact: true }).waitFor();
    await entries.nth(0).getByText('古楼派出所 · 张伟（古楼窗口）').waitFor();
    await entries.nth(1).getByText('审核', { exact: true }).waitFor();
    await entries.nth(1).getByText('鄂城分局 · 吴磊（鄂城分局）').waitFor();
    await entries.nth(2).getByText('审批', { exact: true }).waitFor();
    await entries.nth(2).getByText('鄂州市公安局 · 黄勇（市局治安支队）').waitFor();
    await entries
      .nth(2)
      .getByText(/印章：鄂州市公安局户政审批专用章/)
      .waitFor();
    await sealImagesLoaded(list, 3);
    assert.equal(await list.getByRole('img', { name: '鄂州市公安局古楼派出所户政业务专用章' }).count(), 1);

    // The digests shown are the server's, one per decision, each chaining the ones before.
    const api = await as(web.env, 'city.approver');
    const answer = await api.get(`/api/cases/${signed.id}/signatures`);
    const digests = await list.getByTestId('signature-digest').allInnerTexts();
    assert.deepEqual(
      digests.map((text) => text.trim()),
      answer.body.signatures.map((s: any) => s.dataHash),
    );
    assert.equal(new Set(digests).size, 3);
    assert.equal(await list.getByTestId('signature-note').count(), 0, 'nothing revoked yet');

    await page.mouse.move(0, 0);
    await assertAccessible(page, 'case signatures');
    await screenshot(page, 'case.signatures.zh-CN.1440');
    await context.close();
  });

  it('lets the security administrator revoke the branch reviewer’s certificate, which stops the review, then issue a new one', async () => {
    const admin = await openPage(web, { viewport: { width: 1440, height: 900 } });
    await signIn(admin.page, 'secadmin');
    await admin.page.getByRole('link', { name: '印章与证书' }).click();
    await admin.page.waitForURL('**/admin/seals');
    await admin.page.getByTestId('seal-enrolment').filter({ hasText: '自动签发' }).waitFor();
    const seals = admin.page.getByTestId('seals-table');
    const branchSeal = seals.locator('tbody tr[data-unit="420704000000"][data-latest="true"]');
    await branchSeal.getByText('鄂州市公安局鄂城分局户政审核专用章').waitFor();
    await branchSeal.getByText('第 1 版').waitFor();
    await branchSeal.locator('[data-testid="seal-state"][data-state="in_force"]').waitFor();
    await sealImagesLoaded(seals, 3);
    const holder = `officer:${reviewerId}`;
    const row = certificateRow(admin.page, holder);
    await row.getByText('吴磊（鄂城分局）').waitFor();
    await row.locator('[data-testid="certificate-state"][data-state="valid"]').waitFor();
    await admin.page.getByTestId('seal-authority').getByText('尚未发布（第一次吊销证书时发布）').waitFor();
    await assertAccessible(admin.page, 'seals and certificates');
    await screenshot(admin.page, 'admin.seals.zh-CN.1440');

    // A revocation needs its reason; the dialog says what stops and what stays valid.
    await row.getByRole('button', { name: '吊销证书（echeng.reviewer）' }).click();
    const revoke = await standingDialog(admin.page, '吊销证书：吴磊（鄂城分局）');
    await revoke.getByText('吴磊（鄂城分局）立即不能签章').waitFor();
    await revoke.getByRole('button', { name: /吊\s*销/ }).click();
    await revoke.getByText('请填写吊销原因（至少 2 个字）').waitFor();
    await revoke.getByLabel('吊销原因').fill('民警调离岗位');
    await screenshot(admin.page, 'admin.seals.revoke-certificate.zh-CN.1440');
    await revoke.getByRole('button', { name: /吊\s*销/ }).click();
    await revoke.waitFor({ state: 'hidden' });
    await admin.page.getByText('已吊销吴磊（鄂城分局）的证书').waitFor();
    await row.locator('[data-testid="certificate-state"][data-state="revoked"]').getByText('已吊销').waitFor();
    await row.getByText(/吊销：民警调离岗位/).waitFor();
    await admin.page.getByTestId('seal-crl').getByText('第 1 号').waitFor();
    await admin.page.getByTestId('seal-crl').getByText('已吊销 1 张证书').waitFor();
    // The branch's seal was made again without the revoked certificate.
    await branchSeal.getByText('第 2 版').waitFor();
    const authority = await (await as(web.env, 'secadmin')).get('/api/admin/seals');
    const revoked = authority.body.certificates.find((c: any) => c.userId === reviewerId);
    assert.equal(revoked.state, 'revoked');
    assert.equal(revoked.revocationReason, '民警调离岗位');

    // The reviewer, in the browser, is refused in Chinese; the case stays where it was.
    const reviewer = await openPage(web, { viewport: { width: 1440, height: 900 } });
    await signIn(reviewer.page, DECIDER.branch);
    await openCase(reviewer.page, waiting);
    await reviewer.page.getByTestId('case-pending').filter({ hasText: '待分局审批' }).waitFor();
    await reviewer.page.locator('[data-act="review"]').click();
    const dialog = await standingDialog(reviewer.page, '审核通过');
    await dialog.getByLabel('审批意见（可选）').fill('同意');
    await dialog.getByRole('button', { name: '审核通过' }).click();
    await dialog.getByRole('alert').filter({ hasText: REVOKED_MESSAGE }).waitFor();
    await screenshot(reviewer.page, 'case.review-refused-revoked.zh-CN.1440');
    const stillWaiting = await (await as(web.env, DECIDER.branch)).get(`/api/cases/${waiting.id}`);
    assert.equal(stillWaiting.body.pendingLevel, 'branch');

    // A new certificate for the officer; the dialog left open takes the same review again.
    await row.getByRole('button', { name: '签发新证书（echeng.reviewer）' }).click();
    const issue = await standingDialog(admin.page, '为吴磊（鄂城分局）签发新的个人证书？');
    await issue.getByRole('button', { name: '签发证书' }).click();
    await issue.waitFor({ state: 'hidden' });
    await admin.page.getByText('已为吴磊（鄂城分局）签发新证书').waitFor();
    await row.locator('[data-testid="certificate-state"][data-state="valid"]').waitFor();
    await branchSeal.getByText('第 3 版').waitFor();
    // The revoked one is history now: shown on request, below the new one.
    const holderRows = admin.page.locator(`[data-testid="certificates-table"] tbody tr[data-holder="${holder}"]`);
    assert.equal(await holderRows.count(), 1);
    await admin.page.getByTestId('certificate-history').click();
    await holderRows.nth(1).locator('[data-testid="certificate-state"][data-state="revoked"]').waitFor();
    assert.equal(
      await holderRows
        .nth(1)
        .getByRole('button')
        .filter({ hasText: /吊销|签发/ })
        .count(),
      0,
      'no acts on an earlier certificate',
    );

    await dialog.getByRole('button', { name: '审核通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await reviewer.page.getByText('已审核通过，业务已转市局').waitFor();
    await reviewer.page.getByTestId('case-pending').filter({ hasText: '待市局审批' }).waitFor();
    const list = await openSignatures(reviewer.page, 2);
    assert.equal(await list.getByText('验证通过', { exact: true }).count(), 2);
    await reviewer.context.close();

    // The signature made before the revocation stays valid, with the revocation beside it.
    const approver = await openPage(web, { viewport: { width: 1440, height: 900 } });
    await signIn(approver.page, 'city.approver');
    await openCase(approver.page, signed);
    const before = await openSignatures(approver.page, 3);
    const review = before.locator(':scope > li[data-act="review"]');
    assert.equal(await review.getAttribute('data-valid'), 'true');
    await review
      .getByTestId('signature-note')
      .filter({ hasText: /^签名证书已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 吊销，签章时有效$/ })
      .waitFor();
    await screenshot(approver.page, 'case.signatures.revoked-note.zh-CN.1440');
    await approver.context.close();
    await admin.context.close();
  });

  it('lets the security administrator revoke a unit’s seal with a reason and make it again', async () => {
    const { context, page } = await openPage(web, { viewport: { width: 1440, height: 900 } });
    await signIn(page, 'secadmin');
    await page.goto('/admin/seals');
    const city = page.locator('[data-testid="seals-table"] tbody tr[data-unit="420700000000"][data-latest="true"]');
    await city.locator('[data-testid="seal-state"][data-state="in_force"]').waitFor();
    await city.getByText('第 1 版').waitFor();
    await city.getByRole('button', { name: '吊销印章（鄂州市公安局）' }).click();
    const revoke = await standingDialog(page, '吊销印章：鄂州市公安局户政审批专用章');
    await revoke.getByLabel('吊销原因').fill('印章密钥介质遗失');
    await revoke.getByRole('button', { name: /吊\s*销/ }).click();
    await revoke.waitFor({ state: 'hidden' });
    await city
      .locator('[data-testid="seal-state"][data-state="revoked"]')
      .getByText(/吊销：印章密钥介质遗失/)
      .waitFor();
    assert.equal(await city.getByRole('button', { name: '吊销印章（鄂州市公安局）' }).count(), 0);

    // The city cannot approve now (the case the reviewer passed up above waits for it).
    const refused = await (await as(web.env, DECIDER.city)).post(`/api/cases/${waiting.id}/approve`);
    assert.equal(refused.body.error.code, 'SEAL_REVOKED');

    await city.getByRole('button', { name: '重新制章（鄂州市公安局）' }).click();
    const make = await standingDialog(page, '为鄂州市公安局制作电子印章？');
    await make.getByRole('button', { name: /制\s*章/ }).click();
    await make.waitFor({ state: 'hidden' });
    await page.getByText('已制作鄂州市公安局的电子印章（第 2 版）').waitFor();
    await city.locator('[data-testid="seal-state"][data-state="in_force"]').waitFor();
    await city.getByText('第 2 版').waitFor();
    await page.getByTestId('seal-history').click();
    await page.locator('[data-testid="seals-table"] tbody tr[data-unit="420700000000"][data-latest="false"]').getByText('第 1 版').waitFor();
    await screenshot(page, 'admin.seals.history.zh-CN.1440');
    assert.equal((await (await as(web.env, DECIDER.city)).post(`/api/cases/${waiting.id}/approve`)).status, 200);
    await context.close();
  });

  it('names in Chinese what changed after signing, page by material and number, when a case is tampered with', async () => {
    // As an intruder with the database owner's rights would: a page's recorded SM3, the applicant's name, the submission's note.
    const db = web.env.ctx.db.kysely;
    const page = await db
      .selectFrom('case_images')
      .select(['id', 'blob_sha256', 'material_code', 'page_no'])
      .where('case_id', '=', tampered.id)
      .orderBy('captured_at')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('blobs')
      .set({ sm3: '0'.repeat(64) })
      .where('sha256', '=', page.blob_sha256)
      .execute();
    await db.updateTable('cases').set({ applicant_name: '李四' }).where('id', '=', tampered.id).execute();
    const signatures = (await (await as(web.env, 'city.approver')).get(`/api/cases/${tampered.id}/signatures`)).body.signatures;
    const submitSeq = signatures[0].seq;
    await dropAppendOnlyGuards(web.env.ctx.db);
    await db.updateTable('case_actions').set({ comment: '改过的说明' }).where('case_id', '=', tampered.id).where('seq', '=', submitSeq).execute();

    const { context, page: browser } = await openPage(web, { viewport: { width: 1440, height: 900 } });
    await signIn(browser, 'city.approver');
    await openCase(browser, tampered);
    const list = await openSignatures(browser, 3);
    const entries = list.locator(':scope > li');
    assert.deepEqual(await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-valid'))), ['false', 'false', 'false']);
    await browser.getByTestId('signatures-failed').getByText('3 个签章中有 3 个未通过验证').waitFor();
    assert.equal(await list.getByText('验证失败', { exact: true }).count(), 3);
    assert.equal(await list.getByText('验证通过', { exact: true }).count(), 0);
    const submit = entries.nth(0);
    await submit.locator('[data-testid="signature-failed"][data-check="documentHash"]').getByText('业务内容在签章后被改动').waitFor();
    const material = subtype.materials.find((m) => m.code === page.material_code)!;
    assert.deepEqual(await submit.getByTestId('signature-changes').locator('li').allInnerTexts(), [
      '申请人姓名已改动',
      `影像“${material.name} 第 ${page.page_no} 页”已改动`,
      `操作记录第 ${submitSeq} 步（呈报）已改动`,
    ]);
    await browser.mouse.move(0, 0);
    await assertAccessible(browser, 'case signatures that fail');
    await screenshot(browser, 'case.signatures.failed.zh-CN.1440');
    await context.close();
  });
});
