// GB/T 38540 verification: the happy path, the order of the checks, and a
// tamper test for every field of SES_Signature / TBS_Sign / SESeal, each of
// which must be caught by the check that protects it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utf8 } from '../bytes.ts';
import { createSeal, signWithSeal } from '../ses/create.ts';
import { decodeSignature } from '../ses/decode.ts';
import { encodeSignature, encodeTbsSign } from '../ses/encode.ts';
import type { SesSealInfo, SesSignature } from '../ses/types.ts';
import { verifySesSeal, verifySesSignature, type SesCheck } from '../ses/verify.ts';
import { sm2Sign } from '../sm2/sign.ts';
import { sm3 } from '../sm3.ts';
import { issueCertificate } from '../x509/certificate-issue.ts';
import { issueCrl } from '../x509/crl-issue.ts';
import { generateSm2KeyPair } from '../sm2/keys.ts';
import { itemAt } from './support/item-at.ts';
import { at, type Holder } from './support/pki.ts';
import { createSesFixture } from './support/ses-fixture.ts';

const fx = createSesFixture();
const original = decodeSignature(fx.signatureDer);
const signerHolder = (h: Holder) => ({ certificate: h.certificate, privateKey: h.keys.privateKey });

function outcome(der: Uint8Array, options = fx.options): SesCheck | 'ok' {
  const result = verifySesSignature(der, options);
  return result.ok ? 'ok' : result.failedCheck;
}

/** Re-encodes a modified signature; with `resigner` the TBS is signed again by that holder. */
function encode(signature: SesSignature, resigner?: Holder): Uint8Array {
  if (!resigner) return encodeSignature(signature);
  const tbsDer = encodeTbsSign(signature.toSign);
  return encodeSignature({ ...signature, signerCertificate: resigner.certificate.der, signature: sm2Sign(resigner.keys.privateKey, tbsDer) }, tbsDer);
}

const flip = (bytes: Uint8Array, index = bytes.length - 1): Uint8Array => {
  const copy = bytes.slice();
  copy[index] = itemAt(copy, index) ^ 0x01;
  return copy;
};

const withSealInfo = (s: SesSignature, change: (info: SesSealInfo) => SesSealInfo): SesSignature => ({
  ...s,
  toSign: { ...s.toSign, seal: { ...s.toSign.seal, sealInfo: change(s.toSign.seal.sealInfo) } },
});
const withProperty = (s: SesSignature, change: Partial<SesSealInfo['property']>): SesSignature =>
  withSealInfo(s, (i) => ({ ...i, property: { ...i.property, ...change } }));
const withPicture = (s: SesSignature, change: Partial<SesSealInfo['picture']>): SesSignature =>
  withSealInfo(s, (i) => ({ ...i, picture: { ...i.picture, ...change } }));
const withSeal = (s: SesSignature, change: Partial<SesSignature['toSign']['seal']>): SesSignature => ({
  ...s,
  toSign: { ...s.toSign, seal: { ...s.toSign.seal, ...change } },
});
const withTbs = (s: SesSignature, change: Partial<SesSignature['toSign']>): SesSignature => ({ ...s, toSign: { ...s.toSign, ...change } });

test('a genuine seal signature verifies, and reports who made the seal and who signed', () => {
  const result = verifySesSignature(fx.signatureDer, fx.options);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.deepEqual(result.signer.der, fx.signer.certificate.der);
  assert.deepEqual(result.maker.der, fx.maker.certificate.der);
  assert.equal(outcome(fx.signatureDer, { ...fx.options, document: undefined, documentHash: sm3(fx.document) }), 'ok');
  const seal = verifySesSeal(fx.sealDer, { trust: fx.options.trust, at: at(0) });
  assert.ok(seal.ok);
});

// Seal fields: without re-signing, the signature over TBS_Sign (which embeds the
// seal) breaks first; re-signed by a listed signer, the maker's signature does.
const sealTampers: Record<string, (s: SesSignature) => SesSignature> = {
  'header.vendorId': (s) => withSealInfo(s, (i) => ({ ...i, header: { ...i.header, vendorId: 'OTHER' } })),
  esID: (s) => withSealInfo(s, (i) => ({ ...i, esId: 'ES-3301-0002' })),
  'property.type': (s) => withProperty(s, { type: 2 }),
  'property.name': (s) => withProperty(s, { name: '户政业务专用章 ' }),
  'property.certList (extra signer)': (s) =>
    withProperty(s, { certList: { type: 1, certificates: [fx.signer.certificate.der, fx.outsider.certificate.der] } }),
  'property.createDate': (s) => withProperty(s, { createDate: at(-11) }),
  'property.validStart': (s) => withProperty(s, { validStart: at(-20) }),
  'property.validEnd': (s) => withProperty(s, { validEnd: at(1000) }),
  'picture.type': (s) => withPicture(s, { type: 'SVG' }),
  'picture.data': (s) => withPicture(s, { data: flip(s.toSign.seal.sealInfo.picture.data) }),
  'picture.width': (s) => withPicture(s, { width: 41 }),
  'picture.height': (s) => withPicture(s, { height: 39 }),
  'extDatas (value)': (s) =>
    withSealInfo(s, (i) => {
      const [first] = i.extDatas ?? [];
      assert.ok(first, 'the fixture seal carries extDatas');
      return { ...i, extDatas: [{ ...first, extnValue: utf8('other') }] };
    }),
  'extDatas (removed)': (s) => withSealInfo(s, (i) => ({ ...i, extDatas: undefined })),
  'seal cert (maker)': (s) => withSeal(s, { makerCertificate: fx.outsider.certificate.der }),
  'seal signAlgID': (s) => withSeal(s, { signatureAlgorithm: '1.2.840.10045.4.3.2' }),
  'seal signedValue': (s) => withSeal(s, { signedValue: flip(s.toSign.seal.signedValue, 10) }),
};

for (const [field, tamper] of Object.entries(sealTampers)) {
  test(`tampered seal field ${field}: caught by "signature", and by "sealSignature" once re-signed`, () => {
    const tampered = tamper(original);
    assert.equal(outcome(encode(tampered)), 'signature');
    assert.equal(outcome(encode(tampered, fx.signer)), 'sealSignature');
  });
}

const signedTampers: Record<string, [(s: SesSignature) => SesSignature, SesCheck]> = {
  'TBS_Sign.version': [(s) => withTbs(s, { version: 5 }), 'format'],
  'header.ID': [(s) => withSealInfo(s, (i) => ({ ...i, header: { ...i.header, id: 'EX' } })), 'format'],
  'header.version': [(s) => withSealInfo(s, (i) => ({ ...i, header: { ...i.header, version: 3 } })), 'format'],
  'TBS_Sign.timeInfo': [(s) => withTbs(s, { timeInfo: at(1) }), 'signature'],
  'TBS_Sign.dataHash': [(s) => withTbs(s, { dataHash: flip(s.toSign.dataHash) }), 'signature'],
  'TBS_Sign.propertyInfo': [(s) => withTbs(s, { propertyInfo: 'HK-2030-0002/approval.pdf' }), 'signature'],
  'TBS_Sign.extDatas (added)': [(s) => withTbs(s, { extDatas: [{ extnId: '1.2.3', critical: false, extnValue: Uint8Array.of(1) }] }), 'signature'],
  'SES_Signature.cert': [(s) => ({ ...s, signerCertificate: fx.outsider.certificate.der }), 'signature'],
  'SES_Signature.cert (garbage)': [(s) => ({ ...s, signerCertificate: Uint8Array.of(1, 2, 3) }), 'signature'],
  'SES_Signature.signatureAlgID': [(s) => ({ ...s, signatureAlgorithm: '1.2.840.10045.4.3.2' }), 'signature'],
  'SES_Signature.signature': [(s) => ({ ...s, signature: flip(s.signature, 12) }), 'signature'],
};

for (const [field, [tamper, expected]] of Object.entries(signedTampers)) {
  test(`tampered ${field} is caught by "${expected}"`, () => {
    assert.equal(outcome(encode(tamper(original))), expected);
  });
}

test('the optional timeStamp is outside the signature and carried as is', () => {
  // GB/T 38540 timestamps the signature value; no time-stamp authority is in scope, so it is not checked.
  const der = encode({ ...original, timeStamp: Uint8Array.of(1, 2, 3) });
  assert.equal(outcome(der), 'ok');
  assert.equal(outcome(Uint8Array.of(0x30, 0x00)), 'format');
  assert.equal(outcome(Uint8Array.from([...fx.signatureDer, 0])), 'format');
});

test('signerCertInSeal: a valid signature by someone the seal does not list', () => {
  assert.equal(outcome(encode(original, fx.outsider)), 'signerCertInSeal');
  assert.throws(() => signWithSeal({ sealDer: fx.sealDer, document: fx.document, propertyInfo: 'p' }, signerHolder(fx.outsider)), /not listed/);
});

test('sealMakerCertificate: a seal made under an untrusted or expired maker certificate', () => {
  const rogueKeys = generateSm2KeyPair();
  const rogue = issueCertificate(
    { subject: [{ type: 'CN', value: 'rogue maker' }], publicKey: rogueKeys.publicKey, notBefore: at(-100), notAfter: at(100) },
    { privateKey: rogueKeys.privateKey },
  );
  const { der: sealDer } = createSeal(fx.sealRequest, { certificate: rogue, privateKey: rogueKeys.privateKey });
  const der = signWithSeal({ sealDer, document: fx.document, propertyInfo: 'p', signingTime: at(0) }, signerHolder(fx.signer)).der;
  assert.equal(outcome(der), 'sealMakerCertificate');
  // The maker's certificate is judged at the seal's createDate unless `at` is given.
  assert.equal(outcome(fx.signatureDer, { ...fx.options, at: at(400) }), 'sealMakerCertificate');
  assert.equal(verifySesSeal(fx.sealDer, { trust: fx.options.trust, at: at(400) }).ok, false);
});

test('sealValidity: stamped before the seal starts or after it ends', () => {
  for (const when of [at(-11), at(101)]) {
    const der = signWithSeal({ sealDer: fx.sealDer, document: fx.document, propertyInfo: 'p', signingTime: when }, signerHolder(fx.signer)).der;
    assert.equal(outcome(der), 'sealValidity');
  }
  const seal = verifySesSeal(fx.sealDer, { trust: fx.options.trust, at: at(101) });
  assert.ok(!seal.ok && seal.failedCheck === 'sealValidity');
});

test('certificateValidity: signer certificate expired at signing time, or revoked', () => {
  const shortLived = fx.pki.issue('短期证书', { notBefore: at(-5), notAfter: at(5) });
  const maker = { certificate: fx.maker.certificate, privateKey: fx.maker.keys.privateKey };
  const { der: sealDer } = createSeal({ ...fx.sealRequest, signerCertificates: [shortLived.certificate] }, maker);
  const late = signWithSeal({ sealDer, document: fx.document, propertyInfo: 'p', signingTime: at(6) }, signerHolder(shortLived)).der;
  assert.equal(outcome(late), 'certificateValidity');
  const inTime = signWithSeal({ sealDer, document: fx.document, propertyInfo: 'p', signingTime: at(4) }, signerHolder(shortLived)).der;
  assert.equal(outcome(inTime), 'ok');

  const crl = issueCrl(
    { thisUpdate: at(1), crlNumber: 1n, revoked: [{ serialNumber: fx.signer.certificate.serialNumber, revocationDate: at(1) }] },
    { certificate: fx.pki.intermediate.certificate, privateKey: fx.pki.intermediate.keys.privateKey },
  );
  const withCrl = { ...fx.options, trust: { ...fx.options.trust, crls: [crl] } };
  assert.equal(outcome(fx.signatureDer, withCrl), 'certificateValidity');
});

test('documentHash: another document, or none given', () => {
  assert.equal(outcome(fx.signatureDer, { ...fx.options, document: utf8('户口迁移审批表 HK-2030-0001: rejected') }), 'documentHash');
  assert.equal(outcome(fx.signatureDer, { ...fx.options, document: undefined }), 'documentHash');
  assert.equal(outcome(fx.signatureDer, { ...fx.options, document: undefined, documentHash: new Uint8Array(32) }), 'documentHash');
});

test('checks run in the standard order: the first failing one is reported', () => {
  const wrongDocument = { ...fx.options, document: utf8('other') };
  const crl = issueCrl(
    { thisUpdate: at(1), crlNumber: 1n, revoked: [{ serialNumber: fx.signer.certificate.serialNumber, revocationDate: at(1) }] },
    { certificate: fx.pki.intermediate.certificate, privateKey: fx.pki.intermediate.keys.privateKey },
  );
  const revokedAndWrongDocument = { ...wrongDocument, trust: { ...fx.options.trust, crls: [crl] } };
  assert.equal(outcome(fx.signatureDer, revokedAndWrongDocument), 'certificateValidity');
  const late = signWithSeal({ sealDer: fx.sealDer, document: fx.document, propertyInfo: 'p', signingTime: at(101) }, signerHolder(fx.signer)).der;
  assert.equal(outcome(late, revokedAndWrongDocument), 'sealValidity');
  const tampered = encode(withProperty(original, { name: 'x' }), fx.outsider);
  assert.equal(outcome(tampered, revokedAndWrongDocument), 'signerCertInSeal');
  assert.equal(outcome(encode({ ...original, signature: flip(original.signature, 12) }), revokedAndWrongDocument), 'signature');
});
