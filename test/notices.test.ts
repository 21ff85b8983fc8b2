import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCertificate, sm3, verifySesSignature } from '../server/crypto/index.ts';
import type { FsBlobStore } from '../server/blobs/fs-store.ts';
import { sweepFixity } from '../server/jobs/fixity-sweep.ts';
import { sweepOrphans } from '../server/jobs/orphan-sweep.ts';
import { VERIFICATION_CODE } from '../server/modules/notices/verification-code.ts';
import { as } from './support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { sampleApplicant } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** Runs a poppler tool and answers its output whatever its exit status (pdfsig exits non-zero on a bad signature). */
function poppler(tool: 'pdftotext' | 'pdfsig', args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${tool} did not run: ${error.message}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

describe('the approval notice (电子通知单)', () => {
  let env: TestEnv;
  let serial = 1;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const branchCity = () => subtypeWithChain(env, 'branch,city');

  async function approvedCase() {
    const subtype = branchCity();
    const kase = await submittedCase(env, subtype, serial++);
    await approveThroughChain(env, kase.id, subtype);
    return { kase, subtype };
  }

  function writeTemp(name: string, bytes: Buffer): string {
    const file = path.join(env.dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  }

  async function rootCertificate() {
    const row = await env.ctx.db.kysely.selectFrom('pki_certificates').select('der').where('kind', '=', 'root').executeTakeFirstOrThrow();
    return parseCertificate(new Uint8Array(Buffer.from(row.der, 'base64')));
  }

  it('is made on approval: a PDF with the case, the sub-type and the masked ID number, never the full one', async () => {
    const { kase, subtype } = await approvedCase();
    const officer = await as(env, 'gulou.officer');
    const res = await officer.get(`/api/cases/${kase.id}/notice`);
    assert.equal(res.status, 200);
    assert.equal(res.raw.headers['content-type'], 'application/pdf');
    assert.equal(res.raw.headers['content-disposition'], `attachment; filename="${kase.caseNo}.pdf"`);
    assert.equal(res.raw.headers['x-content-type-options'], 'nosniff');
    const pdf = res.raw.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

    const text = await poppler('pdftotext', ['-layout', writeTemp('notice.pdf', pdf), '-']);
    const fullId: string = sampleApplicant(serial - 1).idNumber;
    const maskedId = `${fullId.slice(0, 6)}********${fullId.slice(14)}`;
    assert.ok(text.includes(kase.caseNo), 'the case number is printed');
    assert.ok(text.includes(subtype.name), 'the sub-type is printed');
    assert.ok(text.includes(maskedId), 'the masked ID number is printed');
    assert.ok(!text.includes(fullId), 'the full ID number is not printed');
    assert.ok(text.includes('户政业务审批通知单') && text.includes('准予办理'), text);

    // Archived: a blob row (so `hukou verify` and the sweeps know it) and the notice row.
    const notice = await env.ctx.db.kysely.selectFrom('notices').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    const blob = await env.ctx.db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', notice.blob_sha256).executeTakeFirstOrThrow();
    assert.equal(blob.media_type, 'application/pdf');
    assert.equal(blob.size, pdf.length);
    const shown = JSON.parse(notice.public_info);
    assert.deepEqual(shown.applicant, { nameMasked: '张*', idNumberMasked: maskedId });
    assert.equal(shown.caseNo, kase.caseNo);
  });

  it('carries a PAdES signature pdfsig finds valid, and invalid once one byte changes', async () => {
    const { kase } = await approvedCase();
    const pdf = (await (await as(env, 'city.approver')).get(`/api/cases/${kase.id}/notice`)).raw.rawPayload;
    const report = await poppler('pdfsig', [writeTemp('signed.pdf', pdf)]);
    assert.match(report, /Signature is Valid\./, report);
    assert.match(report, /鄂州市公安局/, 'the city bureau signs');

    const changed = Buffer.from(pdf);
    const at = changed.indexOf('PDFKit');
    assert.ok(at > 0, 'the producer string is in the signed bytes');
    changed[at] = 'Q'.charCodeAt(0);
    const tampered = await poppler('pdfsig', [writeTemp('tampered.pdf', changed)]);
    assert.doesNotMatch(tampered, /Signature is Valid\./, tampered);
    assert.match(tampered, /Signature is Invalid|Digest Mismatch/, tampered);
  });

  it('carries a GB/T 38540 signature over the SM3 of the signed PDF, which fails over changed bytes', async () => {
    const { kase } = await approvedCase();
    const reader = await as(env, 'echeng.reviewer');
    const pdf = (await reader.get(`/api/cases/${kase.id}/notice`)).raw.rawPayload;
    const info = await reader.get(`/api/cases/${kase.id}/notice/info`);
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.ses.valid, true, JSON.stringify(info.body.ses));
    assert.match(info.body.ses.seal.name, /户政审批专用章$/);
    assert.equal(info.body.sm3, Buffer.from(sm3(new Uint8Array(pdf))).toString('hex'));
    assert.match(info.body.pades.signer, /CN=鄂州市公安局/);
    assert.match(info.body.pades.issuer, /PDF 签名根证书/);
    assert.equal(info.body.approvedBy.name, '黄勇（市局治安支队）');

    const notice = await env.ctx.db.kysely.selectFrom('notices').select('ses_signature').where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    const signature = new Uint8Array(Buffer.from(notice.ses_signature, 'base64'));
    const trust = { trustedRoots: [await rootCertificate()] };
    const good = verifySesSignature(signature, { document: new Uint8Array(pdf), trust });
    assert.equal(good.ok, true, good.ok ? '' : good.reason);
    const changed = Buffer.from(pdf);
    changed[100] = changed[100]! ^ 1;
    const bad = verifySesSignature(signature, { document: new Uint8Array(changed), trust });
    assert.equal(bad.ok, false);
    assert.equal(bad.ok ? null : bad.failedCheck, 'documentHash');
  });

  it('gives each notice its own well-formed verification code', async () => {
    const first = await approvedCase();
    const second = await approvedCase();
    const reader = await as(env, 'gulou.leader');
    const codes = await Promise.all(
      [first, second].map(async ({ kase }) => (await reader.get(`/api/cases/${kase.id}/notice/info`)).body.verificationCode),
    );
    for (const code of codes) assert.match(code, VERIFICATION_CODE);
    assert.notEqual(codes[0], codes[1]);
    const rows = await env.ctx.db.kysely.selectFrom('notices').select('verification_code').execute();
    assert.equal(new Set(rows.map((r) => r.verification_code)).size, rows.length, 'codes are unique');
  });

  it('does not exist before approval: 404 NOTICE_NOT_FOUND', async () => {
    const kase = await submittedCase(env, branchCity(), serial++);
    const officer = await as(env, 'gulou.officer');
    for (const url of [`/api/cases/${kase.id}/notice`, `/api/cases/${kase.id}/notice/info`]) {
      const res = await officer.get(url);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'NOTICE_NOT_FOUND');
    }
    const rows = await env.ctx.db.kysely.selectFrom('notices').select('id').where('case_id', '=', kase.id).execute();
    assert.equal(rows.length, 0);
  });

  it('records each reading of the notice as a look at the case, and the approval event carries the notice’s hashes', async () => {
    const { kase } = await approvedCase();
    const leader = await as(env, 'gulou.leader');
    assert.equal((await leader.get(`/api/cases/${kase.id}/notice`)).status, 200);
    const events = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'detail'])
      .where('case_id', '=', kase.id)
      .orderBy('seq')
      .execute();
    const reading = events.filter((e) => e.action === 'case.notice');
    assert.equal(reading.length, 1);
    assert.equal(reading[0]!.outcome, 'ok');
    const notice = await env.ctx.db.kysely.selectFrom('notices').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(reading[0]!.detail).sha256, notice.blob_sha256);
    const approval = events.find((e) => e.action === 'case.approve');
    assert.deepEqual(JSON.parse(approval!.detail).notice, {
      noticeId: notice.id,
      sha256: notice.blob_sha256,
      sm3: notice.sm3,
      ofd: { sha256: notice.ofd_blob_sha256, sm3: notice.ofd_sm3 },
    });
  });

  it('is kept by the orphan sweep, and a damaged notice file is named with its case by the fixity sweep', async () => {
    const { kase } = await approvedCase();
    const notice = await env.ctx.db.kysely.selectFrom('notices').select('blob_sha256').where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    env.clock.advanceHours(24 * 30);
    env.forgetSessions();
    const swept = await sweepOrphans(env.ctx, 1);
    assert.ok(!swept.removed.includes(notice.blob_sha256));
    const file = (env.ctx.blobs as FsBlobStore).pathOf(notice.blob_sha256);
    fs.chmodSync(file, 0o640);
    const damaged = fs.readFileSync(file);
    damaged[200] = damaged[200]! ^ 0x01;
    fs.writeFileSync(file, damaged);
    // A period of one day: today's share is every stored file.
    const checked = await sweepFixity(env.ctx, 1);
    assert.deepEqual(
      checked.failures.map((f) => f.sha256),
      [notice.blob_sha256],
    );
    const event = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'archive.fixity_failed')
      .where('object_id', '=', notice.blob_sha256)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(event.detail).caseIds, [kase.id]);
  });

  it('is checked by anyone with its verification code, without signing in, showing only what the notice shows', async () => {
    const { kase } = await approvedCase();
    const notice = await env.ctx.db.kysely
      .selectFrom('notices')
      .select(['verification_code', 'blob_sha256'])
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    const check = (code: string) => env.app.inject({ method: 'GET', url: `/api/public/notices/${encodeURIComponent(code)}` });
    const res = await check(notice.verification_code);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.valid, true);
    assert.equal(body.notice.caseNo, kase.caseNo);
    assert.match(body.notice.applicant.idNumberMasked, /\*{8}/);
    assert.ok(!res.body.includes(sampleApplicant(serial - 1).idNumber), 'never the full ID number');
    // Typed from paper: lower case, no dashes, O for 0 and l for 1 all find it.
    const typed = notice.verification_code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    assert.equal((await check(typed)).json().verificationCode, notice.verification_code);
    assert.equal((await check('0000-0000-0000-0000')).json().error.code, 'NOTICE_NOT_FOUND');
    assert.equal((await check('not a code')).json().error.code, 'NOTICE_NOT_FOUND');

    const file = (env.ctx.blobs as FsBlobStore).pathOf(notice.blob_sha256);
    fs.chmodSync(file, 0o640);
    const damaged = fs.readFileSync(file);
    damaged[300] = damaged[300]! ^ 0x01;
    fs.writeFileSync(file, damaged);
    const after = await check(notice.verification_code);
    assert.equal(after.statusCode, 200);
    assert.equal(after.json().valid, false);
  });
});
