import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { decodeSesSignature, parseCertificate, sm3, toHex, verifySesSignature } from '../server/crypto/index.ts';
import { parseOfdXml, readOfdZip, verifyOfd, type XmlElement } from '../server/crypto/ofd/index.ts';
import { verifySealFile } from '../server/modules/seals/verify-seal-file.ts';
import { as } from './support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { sampleApplicant } from './support/sample-case.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const CONTENT = 'Doc_0/Pages/Page_0/Content.xml';
const SIGNATURE = 'Doc_0/Signs/Sign_0/Signature.xml';
const SIGNED_VALUE = 'Doc_0/Signs/Sign_0/SignedValue.dat';

function all(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((c) => all(c, name))];
}

/** The package again with one file changed, added or replaced: what someone editing a notice would send. */
function rezip(files: Map<string, Uint8Array>, change: (files: Map<string, Uint8Array>) => void): Uint8Array {
  const copy = new Map([...files].map(([name, bytes]) => [name, new Uint8Array(bytes)]));
  change(copy);
  return zipSync(Object.fromEntries(copy));
}

describe('the approval notice as OFD (GB/T 33190) with its GB/T 38540 seal', () => {
  let env: TestEnv;
  let serial = 1;
  let kase: { id: string; caseNo: string };
  let ofd: Buffer;
  let files: Map<string, Uint8Array>;
  let trust: { trustedRoots: ReturnType<typeof parseCertificate>[] };

  before(async () => {
    env = await createTestEnv();
    const subtype = subtypeWithChain(env, 'branch,city');
    kase = await submittedCase(env, subtype, serial++);
    await approveThroughChain(env, kase.id, subtype);
    const res = await (await as(env, 'gulou.officer')).get(`/api/cases/${kase.id}/notice.ofd`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.raw.headers['content-type'], 'application/ofd');
    assert.equal(res.raw.headers['content-disposition'], `attachment; filename="${kase.caseNo}.ofd"`);
    ofd = res.raw.rawPayload;
    files = readOfdZip(new Uint8Array(ofd));
    const root = await env.ctx.db.kysely.selectFrom('pki_certificates').select('der').where('kind', '=', 'root').executeTakeFirstOrThrow();
    trust = { trustedRoots: [parseCertificate(new Uint8Array(Buffer.from(root.der, 'base64')))] };
  });
  after(async () => {
    await env.close();
  });

  const xml = (name: string) => parseOfdXml(name, files.get(name)!);

  it('is made on approval with the PDF, archived as a blob and recorded on the notice', async () => {
    const notice = await env.ctx.db.kysely.selectFrom('notices').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    assert.equal(notice.ofd_sm3, toHex(sm3(new Uint8Array(ofd))));
    const blob = await env.ctx.db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', notice.ofd_blob_sha256!).executeTakeFirstOrThrow();
    assert.equal(blob.media_type, 'application/ofd');
    assert.equal(blob.size, ofd.length);
    assert.equal(
      Buffer.from(files.get(SIGNED_VALUE)!).toString('base64'),
      notice.ofd_ses_signature,
      'the recorded seal signature is the one in the package',
    );
  });

  it('has the structure of GB/T 33190: namespace, A4 page in mm, fonts, the notice’s text in Chinese', () => {
    for (const name of ['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml', CONTENT, 'Doc_0/Signs/Signatures.xml', SIGNATURE]) {
      assert.match(Buffer.from(files.get(name)!).toString('utf8'), /xmlns:ofd="http:\/\/www\.ofdspec\.org\/2016"/, name);
    }
    const ofdXml = xml('OFD.xml');
    assert.equal(all(ofdXml, 'DocRoot')[0]?.text, 'Doc_0/Document.xml');
    assert.equal(all(ofdXml, 'Signatures')[0]?.text, 'Doc_0/Signs/Signatures.xml');
    const document = xml('Doc_0/Document.xml');
    assert.equal(all(document, 'PhysicalBox')[0]?.text, '0 0 210 297');
    const fonts = all(xml('Doc_0/PublicRes.xml'), 'Font');
    assert.ok(fonts.length > 0 && fonts.every((font) => font.attributes.FamilyName === 'Noto Sans CJK SC'));

    const text = all(xml(CONTENT), 'TextCode')
      .map((code) => code.text)
      .join('');
    const fullId = sampleApplicant(1).idNumber;
    for (const expected of ['户政业务审批通知单', kase.caseNo, `${fullId.slice(0, 6)}********${fullId.slice(14)}`, '准予办理', '鄂州市公安局']) {
      assert.ok(text.includes(expected), `the page shows ${expected}`);
    }
    assert.ok(!text.includes(fullId), 'the full ID number is not on the page');
    // Each character is placed (TextCode X and DeltaX), inside the page.
    for (const object of all(xml(CONTENT), 'TextObject')) {
      const [x, y, w, h] = object.attributes.Boundary!.split(' ').map(Number);
      assert.ok(x! >= 0 && y! >= 0 && x! + w! <= 210 && y! + h! <= 297, object.attributes.Boundary);
    }
  });

  it('is sealed as ofdrw seals: every other file referenced with its SM3, SM2-with-SM3, the seal placed on the page', () => {
    const signature = xml(SIGNATURE);
    assert.equal(all(signature, 'SignatureMethod')[0]?.text, '1.2.156.10197.1.501');
    const references = all(signature, 'References')[0]!;
    assert.equal(references.attributes.CheckMethod, '1.2.156.10197.1.401');
    const referenced = new Map(all(references, 'Reference').map((r) => [r.attributes.FileRef!, all(r, 'CheckValue')[0]!.text]));
    const expected = [...files.keys()].filter((name) => name !== SIGNATURE && name !== SIGNED_VALUE);
    assert.deepEqual([...referenced.keys()].sort(), expected.map((name) => `/${name}`).sort());
    for (const name of expected) assert.equal(referenced.get(`/${name}`), Buffer.from(sm3(files.get(name)!)).toString('base64'), name);

    const pageId = all(xml('Doc_0/Document.xml'), 'Page')[0]!.attributes.ID;
    const stamp = all(signature, 'StampAnnot')[0]!;
    assert.equal(stamp.attributes.PageRef, pageId);
    const [x, y, w, h] = stamp.attributes.Boundary!.split(' ').map(Number);
    assert.deepEqual([w, h], [42, 42], 'the seal at its size, 42 mm');
    assert.ok(x! > 105 && y! > 148 && x! + w! < 210 && y! + h! < 297, 'in the lower right, over the issuing unit');
  });

  it('carries an SES_Signature over the SM3 of Signature.xml, with the unit’s seal, that verifies', async () => {
    const ses = decodeSesSignature(files.get(SIGNED_VALUE)!);
    assert.equal(toHex(ses.toSign.dataHash), toHex(sm3(files.get(SIGNATURE)!)));
    assert.equal(ses.toSign.seal.sealInfo.property.name, '鄂州市公安局户政审批专用章');
    const pdfSignature = await env.ctx.db.kysely
      .selectFrom('notices')
      .select('ses_signature')
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    const pdfSes = decodeSesSignature(new Uint8Array(Buffer.from(pdfSignature.ses_signature, 'base64')));
    assert.equal(ses.toSign.seal.sealInfo.esId, pdfSes.toSign.seal.sealInfo.esId, 'the same seal as the PDF’s signature');
    const verified = verifySesSignature(files.get(SIGNED_VALUE)!, { document: files.get(SIGNATURE)!, trust });
    assert.equal(verified.ok, true, verified.ok ? '' : verified.reason);

    const report = verifyOfd(new Uint8Array(ofd), { trust });
    assert.equal(report.valid, true, JSON.stringify(report, null, 1));
    assert.equal(report.signatures.length, 1);
    const [only] = report.signatures;
    assert.equal(only!.sealName, '鄂州市公安局户政审批专用章');
    assert.match(only!.signer ?? '', /黄勇/);
    assert.deepEqual(
      only!.checks.map((c) => [c.name, c.status]),
      [
        'references',
        'dataHash',
        'signature',
        'signerCertInSeal',
        'sealSignature',
        'sealMakerCertificate',
        'sealValidity',
        'certificateValidity',
        'sealFile',
      ].map((name) => [name, 'passed']),
    );
  });

  it('reports the OFD’s verification in /notice/info', async () => {
    const info = await (await as(env, 'echeng.reviewer')).get(`/api/cases/${kase.id}/notice/info`);
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.ofd.valid, true, JSON.stringify(info.body.ofd));
    assert.equal(info.body.ofd.sm3, toHex(sm3(new Uint8Array(ofd))));
    assert.equal(info.body.ofd.signatures[0].sealName, '鄂州市公安局户政审批专用章');
    assert.ok(info.body.ofd.checks.some((c: { name: string; status: string }) => c.name === 'record' && c.status === 'passed'));
  });

  it('is downloaded as a look at the case, audited as the PDF is', async () => {
    const events = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('case_id', '=', kase.id)
      .where('action', '=', 'case.notice')
      .execute();
    assert.ok(events.some((event) => JSON.parse(event.detail).part === 'ofd'));
  });

  it('fails naming Content.xml when one byte of the page changes', () => {
    const changed = rezip(files, (f) => {
      const page = f.get(CONTENT)!;
      page[page.length - 20] = page[page.length - 20]! ^ 0x01;
    });
    const report = verifyOfd(changed, { trust });
    assert.equal(report.valid, false);
    const [signature] = report.signatures;
    assert.deepEqual(signature!.changedFiles, [CONTENT]);
    const references = signature!.checks.find((c) => c.name === 'references')!;
    assert.equal(references.status, 'failed');
    assert.match(references.detail, /Content\.xml/);
    assert.equal(signature!.checks.find((c) => c.name === 'signature')?.status, 'passed', 'the seal signature itself still holds');
  });

  it('fails the dataHash check when Signature.xml changes', () => {
    const changed = rezip(files, (f) => {
      const text = Buffer.from(f.get(SIGNATURE)!).toString('utf8');
      f.set(SIGNATURE, new TextEncoder().encode(text.replace(/<ofd:SignatureDateTime>[^<]*</, '<ofd:SignatureDateTime>2000-01-01 00:00:00<')));
    });
    assert.notEqual(toHex(sm3(readOfdZip(changed).get(SIGNATURE)!)), toHex(sm3(files.get(SIGNATURE)!)), 'the file did change');
    const report = verifyOfd(changed, { trust });
    assert.equal(report.valid, false);
    const checks = new Map(report.signatures[0]!.checks.map((c) => [c.name, c.status]));
    assert.equal(checks.get('dataHash'), 'failed');
    assert.equal(checks.get('references'), 'passed');
  });

  it('reports a file added to the package that no signature protects', () => {
    const changed = rezip(files, (f) => f.set('Doc_0/Res/added.png', new Uint8Array([1, 2, 3])));
    const report = verifyOfd(changed, { trust });
    assert.equal(report.valid, false);
    assert.deepEqual(report.unsignedFiles, ['Doc_0/Res/added.png']);
    assert.equal(report.checks.find((c) => c.name === 'unsignedFiles')?.status, 'failed');
    assert.equal(report.signatures[0]!.valid, true, 'what was signed is unchanged');
  });

  it('refuses a zip bomb, too many entries and a path out of the package before reading them', () => {
    const bomb = zipSync({ 'OFD.xml': new Uint8Array(40 * 1024 * 1024) });
    assert.ok(bomb.length < 100_000, 'small on the wire');
    const crowd = zipSync(Object.fromEntries(Array.from({ length: 2_001 }, (_, i) => [`f${i}`, new Uint8Array(1)])));
    const escape = zipSync({ 'OFD.xml': files.get('OFD.xml')!, '../../etc/cron.d/x': new Uint8Array(1) });
    for (const [bytes, problem] of [
      [bomb, /^size: /],
      [crowd, /^entries: /],
      [escape, /^path: .*\.\.\/\.\.\/etc/],
    ] as const) {
      const report = verifyOfd(bytes, { trust });
      assert.equal(report.valid, false);
      assert.equal(report.checks[0]?.name, 'package');
      assert.match(report.checks[0].detail, problem);
    }
  });

  it('is checked by `hukou verify-seal FILE.ofd`: each signature and its checks, and a changed page named', async () => {
    const good = await verifySealFile(env.ctx, new Uint8Array(ofd));
    assert.equal(good.kind, 'ofd');
    assert.equal(good.valid, true, JSON.stringify(good.checks));
    assert.ok(good.facts.some(([name, value]) => name === 'case' && value === kase.caseNo));
    assert.ok(good.facts.some(([name, value]) => name === 'signature 1' && value.includes('鄂州市公安局户政审批专用章')));
    const changed = rezip(files, (f) => {
      const page = f.get(CONTENT)!;
      page[100] = page[100]! ^ 0x01;
    });
    const bad = await verifySealFile(env.ctx, changed);
    assert.equal(bad.kind, 'ofd');
    assert.equal(bad.valid, false);
    const failed = bad.checks.find((c) => !c.ok)!;
    assert.deepEqual([failed.signature, failed.name], ['1', 'references']);
    assert.match(failed.detail, /Content\.xml/);
  });
});

/**
 * OFDs sealed by other systems (test/fixtures/seals/ofdrw, the list `ofdLevelTodo` of its
 * expected.json): the same rules read them, so every reference and dataHash of an intact one holds
 * and only trust fails (nothing of theirs is trusted here).
 */
describe('OFD signatures made elsewhere (ofdrw’s corpus)', () => {
  const verify = (file: string) =>
    verifyOfd(new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'seals', 'ofdrw', file))), { trust: { trustedRoots: [] } });
  const statuses = (checks: readonly { name: string; status: string }[]) => Object.fromEntries(checks.map((c) => [c.name, c.status]));

  for (const file of ['999.ofd', 'v4signed.ofd', 'SignScaleError.ofd', 'allprotected.ofd']) {
    it(`${file}: every reference and the dataHash hold; valid except for trust`, () => {
      const report = verify(file);
      assert.deepEqual(report.unsignedFiles, []);
      const [signature] = report.signatures;
      assert.equal(report.signatures.length, 1);
      const checks = statuses(signature!.checks);
      for (const name of ['references', 'dataHash', 'signature', 'signerCertInSeal', 'sealSignature', 'sealValidity'])
        assert.equal(checks[name], 'passed', name);
      const failed = signature!.checks.filter((c) => c.status !== 'passed');
      assert.deepEqual(
        failed.map((c) => c.name),
        ['sealMakerCertificate', 'certificateValidity'],
      );
      for (const check of failed) assert.match(check.detail, /untrustedIssuer/);
    });
  }

  it('keyword.ofd: pages changed after signing are named; a plain signature without its certificate is not checked', () => {
    const report = verify('keyword.ofd');
    assert.deepEqual(
      report.signatures.map((s) => s.type),
      ['Seal', 'Sign'],
    );
    for (const signature of report.signatures) assert.ok(signature.changedFiles.includes('Doc_0/Pages/Page_0/Content.xml'));
    assert.equal(statuses(report.signatures[1]!.checks).signature, 'not_checked');
  });

  it('n.ofd: a GM/T 0031 signature this verifier cannot read is refused as format', () => {
    const [signature] = verify('n.ofd').signatures;
    assert.equal(statuses(signature!.checks).format, 'failed');
  });
});
