// Seals and sealed documents from the world (test/fixtures/seals, SOURCES.md there):
// each row of expected.json is a test that the file decodes as the version it is and
// that every named check comes out as recorded. Nothing is trusted unless a row names a
// root (their roots are not published, but for ofdrw's test root), so the best a genuine
// sample can be here is "valid except for trust".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { decodeReceivedSesSeal, decodeReceivedSesSignature, parseCertificate, verifySesSeal, verifySesSignature } from '../server/crypto/index.ts';
import { verifySealFile } from '../server/modules/seals/verify-seal-file.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const CORPUS = path.join(import.meta.dirname, 'fixtures', 'seals');

const checkName = z.enum([
  'format',
  'signature',
  'signerCertInSeal',
  'sealSignature',
  'sealMakerCertificate',
  'sealValidity',
  'certificateValidity',
  'documentHash',
]);
const sample = z.strictObject({
  id: z.string(),
  file: z.string(),
  /** The zip member of an OFD that holds the seal or SES_Signature. */
  member: z.string().optional(),
  kind: z.enum(['seal', 'signature']),
  /** PEM certificates to trust; none by default (no sample's root is published, except ofdrw's test root). */
  trustedRoots: z.array(z.string()).optional(),
  /** The signed bytes: a member of the same OFD, another file, or "claimed" (not published: the signature's own dataHash is given). */
  document: z.union([z.strictObject({ member: z.string() }), z.strictObject({ file: z.string() }), z.literal('claimed')]).optional(),
  version: z.union([z.literal(1), z.literal(4), z.literal(5)]).optional(),
  outcome: z.enum(['valid', 'validExceptTrust', 'invalid']),
  failedCheck: checkName.optional(),
  reasonIncludes: z.string().optional(),
  checks: z.array(z.tuple([checkName, z.enum(['passed', 'failed', 'untrusted', 'notRun'])])),
  tolerated: z.array(z.string()),
  sealTimeStamp: z.boolean().optional(),
  note: z.string(),
});
const corpus = z.strictObject({
  about: z.string(),
  samples: z.array(sample),
  ofdLevelTodo: z.array(z.strictObject({ id: z.string(), file: z.string(), what: z.string() })),
});
type Sample = z.infer<typeof sample>;

const expected = corpus.parse(JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')));

/** One member of a zip archive (an OFD), stored or deflated; enough for these samples, no ZIP64. */
function zipMember(zip: Buffer, name: string): Uint8Array {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory');
  let entry = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    assert.equal(zip.readUInt32LE(entry), 0x02014b50, 'central directory entry');
    const [method, size, nameLength] = [zip.readUInt16LE(entry + 10), zip.readUInt32LE(entry + 20), zip.readUInt16LE(entry + 28)];
    const entryName = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    if (entryName === name) {
      const local = zip.readUInt32LE(entry + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      assert.ok(method === 0 || method === 8, `zip method ${method}`);
      return new Uint8Array(method === 0 ? data : inflateRawSync(data));
    }
    entry += 46 + nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  throw new Error(`${name} is not in the archive`);
}

const fileBytes = (file: string): Buffer => fs.readFileSync(path.join(CORPUS, file));
const bytesOf = (s: Sample): Uint8Array => (s.member ? zipMember(fileBytes(s.file), s.member) : new Uint8Array(fileBytes(s.file)));

function documentOf(s: Sample, signature: Uint8Array): { document?: Uint8Array; documentHash?: Uint8Array } {
  if (s.document === 'claimed') return { documentHash: decodeReceivedSesSignature(signature).signature.toSign.dataHash };
  if (!s.document) return {};
  return { document: 'member' in s.document ? zipMember(fileBytes(s.file), s.document.member) : new Uint8Array(fileBytes(s.document.file)) };
}

function verify(s: Sample, bytes: Uint8Array) {
  const trust = { trustedRoots: (s.trustedRoots ?? []).map((file) => parseCertificate(fileBytes(file).toString('utf8'))) };
  if (s.kind === 'signature') return verifySesSignature(bytes, { trust, ...documentOf(s, bytes) });
  // A seal is judged as of its making, as `hukou verify-seal` does (it would long have expired now).
  const createDate =
    s.outcome === 'invalid' && s.failedCheck === 'format' ? undefined : decodeReceivedSesSeal(bytes).seal.sealInfo.property.createDate;
  return verifySesSeal(bytes, { trust, ...(createDate ? { at: createDate } : {}) });
}

describe('seal corpus: real seals and seal signatures from other systems', () => {
  for (const s of expected.samples) {
    it(`${s.id}: ${s.outcome}${s.failedCheck ? ` (${s.failedCheck})` : ''}`, () => {
      const result = verify(s, bytesOf(s));
      assert.deepEqual(
        result.checks.map((c) => [c.check, c.status]),
        s.checks,
        JSON.stringify(result.checks, null, 1),
      );
      assert.equal(result.outcome, s.outcome);
      assert.equal(result.ok ? undefined : result.failedCheck, s.failedCheck);
      assert.equal(result.version, s.version);
      assert.deepEqual(result.tolerated, s.tolerated);
      if (s.reasonIncludes) assert.ok(!result.ok && result.reason.includes(s.reasonIncludes), result.ok ? 'ok' : result.reason);
      if (s.sealTimeStamp !== undefined) assert.equal(decodeReceivedSesSeal(bytesOf(s)).seal.timeStamp !== undefined, s.sealTimeStamp);
    });
  }

  it('lists every file of the corpus, and SOURCES.md names each one', () => {
    const sources = fs.readFileSync(path.join(CORPUS, 'ofdrw', 'SOURCES.md'), 'utf8');
    const listed = new Set(
      expected.samples.flatMap((s) => [
        s.file,
        ...(s.document && s.document !== 'claimed' && 'file' in s.document ? [s.document.file] : []),
        ...(s.trustedRoots ?? []),
      ]),
    );
    const present = fs.readdirSync(path.join(CORPUS, 'ofdrw')).filter((f) => !['SOURCES.md', 'LICENSE'].includes(f));
    assert.deepEqual([...listed].sort(), present.map((f) => `ofdrw/${f}`).sort());
    for (const file of present) assert.ok(sources.includes(`\`${file}\``), `${file} has no entry in SOURCES.md`);
    for (const todo of expected.ofdLevelTodo) assert.ok(listed.has(todo.file), `${todo.id} names a file of the corpus`);
  });
});

describe('hukou verify-seal on a foreign seal signature', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  it('names the version and reports "valid except for trust" apart from the failed check', async () => {
    const invoice = zipMember(fileBytes('ofdrw/999.ofd'), 'Doc_0/Signs/Sign_0/SignedValue.dat');
    const document = zipMember(fileBytes('ofdrw/999.ofd'), 'Doc_0/Signs/Sign_0/Signature.xml');
    const report = await verifySealFile(env.ctx, invoice, document);
    assert.equal(report.kind, 'signature');
    assert.equal(report.valid, false);
    assert.deepEqual(Object.fromEntries(report.facts).version, 'GB/T 38540-2020 (v4)');
    assert.match(Object.fromEntries(report.facts).outcome ?? '', /^valid except for trust/);
    assert.equal(report.validExceptTrust, true, 'what `hukou verify-seal` prints as VALID EXCEPT FOR TRUST');
    assert.equal(report.checks[0]?.name, 'sealMakerCertificate');
    assert.match(Object.fromEntries(report.facts)['accepted non-DER'] ?? '', /critical FALSE/);

    const v1Seal = new Uint8Array(fileBytes('ofdrw/UserV1.esl'));
    const seal = await verifySealFile(env.ctx, v1Seal);
    assert.deepEqual([seal.kind, Object.fromEntries(seal.facts).version], ['seal', 'GM/T 0031-2014 (v1)']);
    assert.match(Object.fromEntries(seal.facts).outcome ?? '', /^valid except for trust/);

    const forged = invoice.slice();
    forged[forged.length - 5]! ^= 0x01; // inside the signer's signature value
    const bad = await verifySealFile(env.ctx, forged, document);
    assert.deepEqual([bad.valid, bad.checks[0]?.name, Object.fromEntries(bad.facts).outcome], [false, 'signature', 'not valid']);
    assert.equal(bad.validExceptTrust, false);
  });
});
