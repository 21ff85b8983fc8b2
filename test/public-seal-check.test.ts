import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync, zipSync } from 'fflate';
import { multipart } from './support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const CORPUS = path.join(import.meta.dirname, 'fixtures', 'seals', 'ofdrw');
const corpusFile = (name: string) => fs.readFileSync(path.join(CORPUS, name));
const member = (zip: Buffer, name: string) => Buffer.from(unzipSync(new Uint8Array(zip))[name]!);

interface Answer {
  kind: string;
  outcome: string;
  sm3: string;
  facts: { key: string; value: string }[];
  checks: { name: string; ok: boolean; detail: string; signature?: string; untrusted?: true }[];
}

describe('电子签章核验: a sealed file from any system, checked without signing in', () => {
  let env: TestEnv;
  let noticeOfd: Buffer;
  let caseNo: string;

  before(async () => {
    env = await createTestEnv();
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, 61);
    await approveThroughChain(env, kase.id, subtype);
    caseNo = kase.caseNo;
    const notice = await env.ctx.db.kysely.selectFrom('notices').select('ofd_blob_sha256').where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    noticeOfd = await env.ctx.blobs.get(notice.ofd_blob_sha256!);
  });
  after(async () => {
    await env.close();
  });

  const eventCount = async () =>
    Number(
      (
        await env.ctx.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Posted as a browser would, without signing in; `document` for a detached signature. */
  async function check(bytes: Buffer, document?: Buffer) {
    const body = multipart(
      {},
      { name: 'file.bin', type: 'application/octet-stream', bytes },
      document ? { document: { name: 'doc.bin', type: 'application/octet-stream', bytes: document } } : {},
    );
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/public/seals/verify',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    return res.json<Answer>();
  }
  const fact = (answer: Answer, key: string) => answer.facts.find((f) => f.key === key)?.value;

  it('checks an OFD e-invoice sealed by a tax bureau test seal: every check passes but trust, named per signature', async () => {
    const before = await eventCount();
    const answer = await check(corpusFile('999.ofd'));
    assert.deepEqual([answer.kind, answer.outcome], ['ofd', 'validExceptTrust']);
    assert.match(fact(answer, 'signature 1') ?? '', /全国统一发票监制章/);
    const notPassed = answer.checks.filter((c) => !c.ok);
    assert.deepEqual(
      notPassed.map((c) => [c.signature, c.name, c.untrusted]),
      [
        ['1', 'sealMakerCertificate', true],
        ['1', 'certificateValidity', true],
      ],
    );
    assert.ok(answer.checks.some((c) => c.signature === '1' && c.name === 'references' && c.ok));
    assert.equal(await eventCount(), before, 'a public check is not written to the trail');
  });

  it('names the changed file of a tampered OFD, and the outcome is not valid', async () => {
    const original = corpusFile('999.ofd');
    const files = unzipSync(new Uint8Array(original));
    const target = Object.keys(files).find((name) => name.endsWith('Content.xml'))!;
    files[target]![files[target]!.length - 3]! ^= 0x01;
    const answer = await check(Buffer.from(zipSync(files)));
    assert.equal(answer.outcome, 'invalid');
    const failed = answer.checks.find((c) => c.name === 'references')!;
    assert.equal(failed.ok, false);
    assert.ok(failed.detail.includes(target), failed.detail);
  });

  it('checks an OFD notice issued here as valid, with what the notice shows', async () => {
    const answer = await check(noticeOfd);
    assert.deepEqual([answer.kind, answer.outcome], ['ofd', 'valid']);
    assert.equal(fact(answer, 'case'), caseNo);
  });

  it('checks a GM/T 0031 (v1) seal and a detached signature over the document given', async () => {
    const seal = await check(corpusFile('UserV1.esl'));
    assert.deepEqual([seal.kind, seal.outcome, fact(seal, 'version')], ['seal', 'validExceptTrust', 'GM/T 0031-2014 (v1)']);

    const invoice = corpusFile('999.ofd');
    const signature = member(invoice, 'Doc_0/Signs/Sign_0/SignedValue.dat');
    const signed = member(invoice, 'Doc_0/Signs/Sign_0/Signature.xml');
    const over = await check(signature, signed);
    assert.deepEqual([over.kind, over.outcome], ['signature', 'validExceptTrust']);
    const other = await check(signature, Buffer.concat([signed, Buffer.from(' ')]));
    assert.equal(other.outcome, 'invalid');
    assert.ok(other.checks.some((c) => c.name === 'documentHash' && !c.ok));
  });

  it('says what it cannot read, and refuses a second file part it does not expect', async () => {
    const answer = await check(Buffer.from('just some text'));
    assert.deepEqual([answer.kind, answer.outcome], ['unknown', 'invalid']);
    const body = multipart(
      {},
      { name: 'a', type: 'application/octet-stream', bytes: corpusFile('UserV1.esl') },
      { extra: { name: 'b', type: 'x/y', bytes: Buffer.from('x') } },
    );
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/public/seals/verify',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'UPLOAD_MALFORMED');
  });
});
