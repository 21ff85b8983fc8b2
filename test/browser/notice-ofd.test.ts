import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { openPage, SCREENSHOT_DIR, screenshot, signIn, startWebEnv, type WebEnv } from './support/browser.ts';

/**
 * The notice section of an approved case: its verification code, both files, each seal verified,
 * and the OFD as ofd.js (an open OFD viewer) draws it, beside the PDF as poppler draws it.
 */
describe('browser: the approval notice as OFD, in an open OFD viewer', () => {
  let web: WebEnv;
  let kase: { id: string; caseNo: string };

  before(async () => {
    web = await startWebEnv();
    const subtype = subtypeWithChain(web.env, 'branch,city');
    kase = await submittedCase(web.env, subtype, 1);
    await approveThroughChain(web.env, kase.id, subtype);
  });
  after(async () => {
    await web?.close();
  });

  it('shows the notice’s code, downloads and verified seals, and renders the sealed OFD page', async () => {
    const { context, page } = await openPage(web, { viewport: { width: 1600, height: 1400 } });
    await signIn(page, 'city.approver');
    await page.goto(`/cases/${kase.id}`);
    await page.getByTestId('case-no').filter({ hasText: kase.caseNo }).waitFor();
    await page.getByRole('tab', { name: '通知单' }).click();
    const section = page.getByTestId('notice-section');
    await section.waitFor();

    const notice = await web.env.ctx.db.kysely.selectFrom('notices').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    assert.equal(await section.getByTestId('notice-code').innerText(), notice.verification_code);
    assert.equal(await section.getByTestId('notice-pdf-verdict').getAttribute('data-valid'), 'true');
    assert.equal(await section.getByTestId('notice-ofd-signature').getAttribute('data-valid'), 'true');
    assert.equal(await section.getByTestId('notice-download-pdf').getAttribute('href'), `/api/cases/${kase.id}/notice`);
    assert.equal(await section.getByTestId('notice-download-ofd').getAttribute('href'), `/api/cases/${kase.id}/notice.ofd`);

    // ofd.js has drawn the page: the case number among its text, and the seal from the signature.
    const view = section.getByTestId('notice-ofd-view');
    await page.waitForFunction(() => document.querySelector('[data-testid="notice-ofd-view"]')?.getAttribute('data-state') !== 'loading', null, {
      timeout: 30_000,
    });
    assert.equal(await view.getAttribute('data-state'), 'shown');
    const ofdPage = view.getByTestId('notice-ofd-page').first();
    const pageText = await ofdPage.evaluate((element) => [...element.querySelectorAll('text')].map((t) => t.textContent).join(''));
    assert.ok(pageText.includes(kase.caseNo), `the rendered page shows ${kase.caseNo}`);
    for (const expected of ['户政业务审批通知单', '准予办理', notice.verification_code, '本通知单由户政业务电子档案系统生成']) {
      assert.ok(pageText.includes(expected), `the rendered page shows ${expected}`);
    }
    const seal = ofdPage.locator('[name="seal_img_div"] image');
    assert.equal(await seal.count(), 1, 'the seal drawn from the OFD signature');
    assert.match((await seal.getAttribute('href')) ?? (await seal.getAttribute('xlink:href')) ?? '', /^data:image\/png;base64,/);

    await screenshot(page, 'notice-ofd-section');
    // The page at its own size, and the PDF as poppler draws it, to compare by eye.
    await section.getByTestId('notice-ofd-enlarge').click();
    const enlarged = page.getByTestId('notice-ofd-enlarged');
    await enlarged.locator('[data-testid="notice-ofd-view"][data-state="shown"]').waitFor({ timeout: 30_000 });
    const fullPage = enlarged.getByTestId('notice-ofd-page').first();
    assert.ok((await fullPage.boundingBox())!.width > 790, 'shown at its own size');
    await fullPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'notice-ofd-page.png') });
    const pdf = (await context.request.get(`/api/cases/${kase.id}/notice`)).body();
    const pdfFile = path.join(SCREENSHOT_DIR, 'notice-pdf.pdf');
    fs.writeFileSync(pdfFile, await pdf);
    execFileSync('pdftoppm', ['-r', '96', '-png', '-singlefile', pdfFile, path.join(SCREENSHOT_DIR, 'notice-pdf-page')]);
    fs.rmSync(pdfFile);
    assert.ok(fs.statSync(path.join(SCREENSHOT_DIR, 'notice-pdf-page.png')).size > 10_000);
    await context.close();
  });
});
