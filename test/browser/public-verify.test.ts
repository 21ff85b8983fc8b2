import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { after, before, describe, it } from 'node:test';
import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { sampleApplicant } from '../support/sample-case.ts';
import { assertAccessible, openPage, screenshot, startWebEnv, type WebEnv } from './support/browser.ts';

describe('browser: the public check of an approval notice', () => {
  let web: WebEnv;
  let code: string;
  let caseNo: string;
  const serial = 5;

  before(async () => {
    web = await startWebEnv();
    const subtype = subtypeWithChain(web.env, 'branch,city');
    const kase = await submittedCase(web.env, subtype, serial);
    await approveThroughChain(web.env, kase.id, subtype);
    caseNo = kase.caseNo;
    code = (await web.env.ctx.db.kysely.selectFrom('notices').select('verification_code').where('case_id', '=', kase.id).executeTakeFirstOrThrow())
      .verification_code;
  });
  after(async () => {
    await web.close();
  });

  it('opens from the QR code without signing in, says the notice is genuine, and shows only what the notice shows', async () => {
    const { context, page } = await openPage(web);
    await page.goto(`/verify?code=${code}`);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-valid'), 'true');
    const text = await result.innerText();
    assert.match(text, /通知单真实有效/);
    assert.ok(text.includes(caseNo));
    assert.match(text, /\*{8}/);
    assert.ok(!text.includes(sampleApplicant(serial).idNumber), 'never the full ID number');
    assert.equal(await page.getByRole('button', { name: '登 录' }).count(), 0, 'no sign-in asked');
    await assertAccessible(page, 'public notice check');
    await screenshot(page, 'verify.valid.zh-CN');

    // Typed by hand from paper, in lower case and with spaces: the same notice.
    const input = page.getByTestId('verification-code').locator('input');
    await input.fill('0000 0000 0000 0000');
    await input.press('Enter');
    await page.getByTestId('verify-not-found').waitFor();
    assert.match(await page.getByTestId('verify-not-found').innerText(), /未找到该通知单/);
    await input.fill(code.toLowerCase().replaceAll('-', ' '));
    await input.press('Enter');
    await page.getByTestId('verify-result').waitFor();
    assert.ok(page.url().includes('code='), 'the address carries the code, so the check can be shared');
    assert.deepEqual(web.outbound, []);
    await context.close();
  });

  it('checks a notice file a person uploads: the genuine one is recognised, a changed copy is not', async () => {
    const notice = await web.env.ctx.db.kysely
      .selectFrom('notices')
      .select('blob_sha256')
      .where('verification_code', '=', code)
      .executeTakeFirstOrThrow();
    const pdf = await web.env.ctx.blobs.get(notice.blob_sha256);
    const { context, page } = await openPage(web);
    await page.goto('/verify');
    await page.getByRole('tab', { name: '上传文件核验' }).click();
    const chooser = page.locator('[data-testid="verify-file"] input[type="file"]');
    await chooser.setInputFiles({ name: `${caseNo}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-valid'), 'true');
    const text = await result.innerText();
    assert.match(text, /逐字节一致/);
    assert.ok(text.includes(caseNo) && text.includes(code));
    assert.ok(!text.includes(sampleApplicant(serial).idNumber), 'never the full ID number');
    await assertAccessible(page, 'public notice file check');
    await screenshot(page, 'verify.file.valid.zh-CN');

    const changed = Buffer.from(pdf);
    const middle = changed.length >> 1;
    changed[middle] = changed[middle]! ^ 0x01;
    await chooser.setInputFiles({ name: `${caseNo}.pdf`, mimeType: 'application/pdf', buffer: changed });
    const unknown = page.getByTestId('verify-file-unknown');
    await unknown.waitFor();
    assert.match(await unknown.innerText(), /不一致/);
    assert.equal(await page.getByTestId('verify-result').count(), 0, 'the earlier answer is gone');
    await screenshot(page, 'verify.file.unknown.zh-CN');

    await chooser.setInputFiles({ name: 'photo.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a not a notice') });
    await page.getByText('只能核验审批通知单文件').waitFor();
    assert.deepEqual(web.outbound, []);
    await context.close();
  });

  it('checks a sealed file from another system: an e-invoice verifies except for trust, a changed one names the changed file', async () => {
    const invoice = fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seals', 'ofdrw', '999.ofd'));
    const { context, page } = await openPage(web);
    await page.goto('/verify');
    await page.getByRole('tab', { name: '电子签章核验' }).click();
    const chooser = page.locator('[data-testid="seal-check"] .ant-upload-drag input[type="file"]');
    await chooser.setInputFiles({ name: 'invoice.ofd', mimeType: 'application/ofd', buffer: invoice });
    await page.getByTestId('seal-check-validExceptTrust').waitFor();
    const text = await page.getByTestId('seal-check-result').innerText();
    assert.match(text, /签名验证通过，但签发机构未获本系统信任/);
    assert.match(text, /OFD 电子文件/);
    assert.match(text, /全国统一发票监制章/);
    assert.match(text, /被签文件摘要/);
    assert.match(text, /信任链未建立/);
    await assertAccessible(page, 'public sealed file check');
    await screenshot(page, 'verify.seal.except-trust.zh-CN');

    // The same invoice with one byte of a signed page changed: the reference check names the page.
    const files = unzipSync(new Uint8Array(invoice));
    const content = Object.keys(files).find((name) => name.endsWith('Content.xml'))!;
    files[content]![files[content]!.length - 3]! ^= 0x01;
    await chooser.setInputFiles({ name: 'invoice.ofd', mimeType: 'application/ofd', buffer: Buffer.from(zipSync(files)) });
    await page.getByTestId('seal-check-invalid').waitFor();
    assert.ok((await page.getByTestId('seal-check-checks').innerText()).includes(content));
    await screenshot(page, 'verify.seal.changed.zh-CN');
    assert.deepEqual(web.outbound, []);
    await context.close();
  });
});
