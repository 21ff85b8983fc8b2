import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { sm3, toHex } from '../server/crypto/index.ts';
import { multipart } from './support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { sampleApplicant } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('the public check of a notice file (核验通知单文件)', () => {
  let env: TestEnv;
  let pdf: Buffer;
  let ofd: Buffer;
  let code: string;
  let caseNo: string;
  const serial = 41;

  before(async () => {
    env = await createTestEnv();
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, serial);
    await approveThroughChain(env, kase.id, subtype);
    caseNo = kase.caseNo;
    const notice = await env.ctx.db.kysely
      .selectFrom('notices')
      .select(['verification_code', 'blob_sha256', 'ofd_blob_sha256'])
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    code = notice.verification_code;
    pdf = await env.ctx.blobs.get(notice.blob_sha256);
    ofd = await env.ctx.blobs.get(notice.ofd_blob_sha256!);
  });
  after(async () => {
    await env.close();
  });

  /** Posted as a browser would, without signing in. */
  const check = (bytes: Buffer, name = 'notice.pdf', type = 'application/pdf') => {
    const body = multipart({}, { name, type, bytes });
    return env.app.inject({ method: 'POST', url: '/api/public/notices/file', payload: body.payload, headers: { 'content-type': body.contentType } });
  };

  it('recognises the notice as issued, by its bytes, and shows only what the notice shows', async () => {
    const res = await check(pdf);
    assert.equal(res.statusCode, 200, res.body);
    const answer = res.json();
    assert.equal(answer.kind, 'pdf');
    assert.equal(answer.sm3, toHex(sm3(new Uint8Array(pdf))));
    assert.equal(answer.check.valid, true);
    assert.equal(answer.check.verificationCode, code);
    assert.equal(answer.check.notice.caseNo, caseNo);
    assert.ok(!res.body.includes(sampleApplicant(serial).idNumber), 'never the full ID number');
    assert.equal(res.headers['cache-control'], 'no-store');
    // The name and type the browser claims do not matter: the bytes do.
    assert.equal((await check(pdf, 'scan.jpg', 'image/jpeg')).json().check.verificationCode, code);
  });

  it('recognises the OFD form of the notice too, its seal signature checked over the archived OFD', async () => {
    const res = await check(ofd, 'notice.ofd', 'application/octet-stream');
    assert.equal(res.statusCode, 200, res.body);
    const answer = res.json();
    assert.equal(answer.kind, 'ofd');
    assert.equal(answer.check.valid, true, JSON.stringify(answer.check));
    assert.equal(answer.check.verificationCode, code);
    assert.equal(answer.check.sm3, toHex(sm3(new Uint8Array(ofd))), 'the digest of the form that was checked');
    const changed = Buffer.from(ofd);
    const middle = changed.length >> 1;
    changed[middle] = changed[middle]! ^ 0x01;
    const copy = await check(changed, 'notice.ofd', 'application/octet-stream');
    // A damaged zip may no longer read as an OFD package at all; either way it is not the notice.
    assert.ok(copy.statusCode === 415 || copy.json().check === null, copy.body);
  });

  it('tells a copy changed by one byte, or re-saved with more bytes, from the genuine notice and reveals nothing of it', async () => {
    const changed = Buffer.from(pdf);
    const middle = changed.length >> 1;
    changed[middle] = changed[middle]! ^ 0x01;
    const appended = Buffer.concat([pdf, Buffer.from('\n% saved again\n')]);
    for (const copy of [changed, appended]) {
      const res = await check(copy);
      assert.equal(res.statusCode, 200, res.body);
      const answer = res.json();
      assert.equal(answer.check, null);
      assert.equal(answer.sm3, toHex(sm3(new Uint8Array(copy))));
      assert.ok(!res.body.includes(caseNo) && !res.body.includes(code), 'a file that matches nothing learns nothing');
    }
  });

  it('refuses what cannot be a notice, an empty request and a file over the limit, each with its code', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const notNotice = await check(jpeg, 'notice.pdf');
    assert.equal(notNotice.statusCode, 415);
    assert.equal(notNotice.json().error.code, 'NOTICE_FILE_UNSUPPORTED');
    // A zip that is not an OFD package (no OFD.xml): not a notice either.
    const zip = Buffer.from(zipSync({ 'readme.txt': new TextEncoder().encode('not a notice') }));
    assert.equal((await check(zip, 'notice.ofd')).json().error.code, 'NOTICE_FILE_UNSUPPORTED');

    const empty = multipart({});
    const missing = await env.app.inject({
      method: 'POST',
      url: '/api/public/notices/file',
      payload: empty.payload,
      headers: { 'content-type': empty.contentType },
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, 'UPLOAD_MISSING_FILE');

    const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await check(huge);
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(tooLarge.json().error.code, 'UPLOAD_TOO_LARGE');

    const extra = multipart({ note: 'x' }, { name: 'notice.pdf', type: 'application/pdf', bytes: pdf });
    const unexpected = await env.app.inject({
      method: 'POST',
      url: '/api/public/notices/file',
      payload: extra.payload,
      headers: { 'content-type': extra.contentType },
    });
    assert.equal(unexpected.statusCode, 400);
    assert.equal(unexpected.json().error.code, 'UPLOAD_MALFORMED');
  });

  it('writes nothing to the trail: nobody is identified', async () => {
    const before = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await check(pdf);
    const after = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });
});
