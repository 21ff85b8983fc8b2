// Seals and signatures others made: GM/T 0031-2014 (v1), GB/T 38540 v4 with BER
// encodings, version 5. The tolerant reader accepts the BER that changes no value
// and refuses what is malformed, with the reason; every signature is checked over
// the bytes received, never over a re-encoding; "valid except for trust" is an
// outcome of its own, and still not ok.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesEqual, concatBytes, utf8 } from '../bytes.ts';
import { bitString, generalizedTime, octetString, oid, sequence, tlv, utcTime } from '../der/encode.ts';
import { Tag } from '../der/tags.ts';
import { Oid } from '../oids.ts';
import { decodeReceivedSeal, decodeReceivedSignature } from '../ses/decode-received.ts';
import { decodeSeal, decodeSignature } from '../ses/decode.ts';
import { encodeSealInfo, encodeTbsSign } from '../ses/encode.ts';
import { verifySesSeal, verifySesSignature, type SesCheck } from '../ses/verify.ts';
import { sm2Sign, sm2Verify } from '../sm2/sign.ts';
import { sm2SignatureToRaw } from '../sm2/signature-encoding.ts';
import {
  createForeignSes,
  explicitFalseExtDatas,
  PROPERTY_INFO,
  seal38540,
  sealInfo38540,
  sealInfoV1,
  sealV1,
  signature38540,
  signatureV1,
  tbsSign38540,
  tbsSignV1,
  textTime,
} from './support/foreign-ses.ts';
import { at } from './support/pki.ts';

const fx = createForeignSes();
const sealOptions = { trust: fx.options.trust, at: at(0) };

function outcome(der: Uint8Array, options = fx.options): SesCheck | 'ok' {
  const result = verifySesSignature(der, options);
  return result.ok ? 'ok' : result.failedCheck;
}

function formatReason(der: Uint8Array): string {
  const result = verifySesSignature(der, fx.options);
  assert.ok(!result.ok && result.failedCheck === 'format', `expected a format failure, got ${JSON.stringify(result.ok || result.failedCheck)}`);
  assert.deepEqual(result.checks, [{ check: 'format', status: 'failed', detail: result.reason }]);
  return result.reason;
}

/** The same encoding with the outer SEQUENCE's length written non-minimally (0x83 00 hi lo). */
function withNonMinimalOuterLength(der: Uint8Array): Uint8Array {
  const content = der.subarray(der[1] === 0x82 ? 4 : 3);
  return concatBytes(Uint8Array.of(0x30, 0x83, 0, content.length >> 8, content.length & 0xff), content);
}

test('an explicit DEFAULT (ExtData critical FALSE) is accepted when verifying, noted, and refused by the strict decoder', () => {
  assert.throws(() => decodeSeal(fx.falseSealDer), /critical FALSE is the DEFAULT and must be omitted/);
  assert.throws(() => decodeSignature(fx.falseSignatureDer), /critical FALSE is the DEFAULT and must be omitted/);
  const seal = verifySesSeal(fx.falseSealDer, sealOptions);
  assert.ok(seal.ok, seal.ok ? '' : seal.reason);
  assert.equal(seal.version, 4);
  assert.deepEqual(seal.tolerated, ['SES_SealInfo.extDatas.ExtData.critical FALSE: DEFAULT value encoded explicitly']);
  assert.equal(seal.seal.sealInfo.extDatas?.[0]?.critical, false);
  const signature = verifySesSignature(fx.falseSignatureDer, fx.options);
  assert.ok(signature.ok, signature.ok ? '' : signature.reason);
  assert.deepEqual(signature.tolerated, [
    'SES_SealInfo.extDatas.ExtData.critical FALSE: DEFAULT value encoded explicitly',
    'TBS_Sign.extDatas.ExtensionDatas.ExtData.critical FALSE: DEFAULT value encoded explicitly',
  ]);
  assert.deepEqual(
    signature.checks.map((c) => [c.check, c.status]),
    ['signature', 'signerCertInSeal', 'sealSignature', 'sealMakerCertificate', 'sealValidity', 'certificateValidity', 'documentHash'].map((c) => [
      c,
      'passed',
    ]),
  );
});

test('signatures are checked over the bytes received: a re-encoding would differ, and would not verify', () => {
  const received = decodeReceivedSignature(fx.falseSignatureDer);
  // Re-encoding drops the explicit FALSE (DER), so it is not what either party signed.
  const reencodedSealInfo = encodeSealInfo(received.seal.sealInfo);
  const reencodedTbs = encodeTbsSign(received.signature.toSign);
  assert.equal(received.makerSignedData.length - reencodedSealInfo.length, 3);
  assert.ok(!bytesEqual(received.signerSignedData, reencodedTbs));
  assert.equal(sm2Verify(fx.maker.certificate.publicKey, reencodedSealInfo, received.seal.signedValue), false);
  assert.equal(sm2Verify(fx.signer.certificate.publicKey, reencodedTbs, received.signature.signature), false);
  // The signed parts are views of the input itself, not copies rebuilt from the decoded values.
  assert.equal(received.signerSignedData.buffer, fx.falseSignatureDer.buffer);
  assert.equal(received.makerSignedData.buffer, fx.falseSignatureDer.buffer);
  assert.equal(outcome(fx.falseSignatureDer), 'ok');

  // And the other way round: a producer that signed the DER form but shipped the BER form is refused,
  // because the bytes received are not the bytes signed.
  const info = sealInfo38540(4, [fx.signer.certificate]);
  const signedDerForm = seal38540(info, fx.maker, { signedData: encodeSealInfo(decodeReceivedSeal(seal38540(info, fx.maker)).seal.sealInfo) });
  const refused = verifySesSeal(signedDerForm, sealOptions);
  assert.ok(!refused.ok && refused.failedCheck === 'sealSignature', JSON.stringify(refused.checks));
  const tbs = tbsSign38540(4, fx.falseSealDer, fx.document, explicitFalseExtDatas());
  const tbsDerForm = encodeTbsSign(decodeReceivedSignature(signature38540(tbs, fx.signer)).signature.toSign, fx.falseSealDer);
  assert.equal(outcome(signature38540(tbs, fx.signer, { signedData: tbsDerForm })), 'signature');
});

test('a BOOLEAN TRUE other than 0xFF is BER: accepted and noted when received, refused strictly', () => {
  const extDatas = sequence(sequence(oid('1.2.156.9999.3'), tlv(Tag.BOOLEAN, Uint8Array.of(0x01)), octetString(utf8('x'))));
  const der = seal38540(sealInfo38540(4, [fx.signer.certificate], extDatas), fx.maker);
  assert.throws(() => decodeSeal(der), /invalid BOOLEAN/);
  const result = verifySesSeal(der, sealOptions);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.equal(result.seal.sealInfo.extDatas?.[0]?.critical, true);
  assert.deepEqual(result.tolerated, ['BOOLEAN TRUE not encoded as 0xFF']);
});

test('malformed input is refused as format, with the reason, even from outside', () => {
  assert.match(formatReason(utf8('not a seal at all')), /./);
  assert.match(formatReason(new Uint8Array(0)), /unexpected end of data/);
  assert.match(formatReason(Uint8Array.from([...fx.falseSignatureDer, 0])), /trailing data/);
  // Every truncation of every kind of signature: refused, never thrown.
  for (const der of [fx.v1SignatureDer, fx.falseSignatureDer, fx.v5SignatureDer]) {
    for (let length = 0; length < der.length; length += 7) assert.equal(outcome(der.subarray(0, length)), 'format');
  }
  // BER the reader does not take: non-minimal and indefinite lengths (no producer seen uses them).
  assert.match(formatReason(withNonMinimalOuterLength(fx.falseSignatureDer)), /non-minimal length/);
  assert.match(formatReason(Uint8Array.of(0x30, 0x80, 0x00, 0x00)), /indefinite length/);
  // A structure whose header version belongs to the other structure.
  assert.match(
    formatReason(
      signatureV1(
        tbsSignV1(sealV1(sealInfoV1([fx.signer.certificate], 4), fx.maker), fx.signer, fx.document, textTime('2030-01-01T00:00:00Z'), 4),
        fx.signer,
      ),
    ),
    /version 4 does not fit the GM\/T 0031-2014 structure/,
  );
  const v1HeaderIn38540 = seal38540(sealInfo38540(1, [fx.signer.certificate]), fx.maker);
  assert.match(
    formatReason(signature38540(tbsSign38540(1, v1HeaderIn38540, fx.document), fx.signer)),
    /version 1 does not fit the GB\/T 38540 structure/,
  );
  assert.match(
    formatReason(signature38540(tbsSign38540(5, fx.falseSealDer, fx.document), fx.signer)),
    /TBS_Sign.version 5 differs from the seal's version 4/,
  );
  const v4WithTimeStamp = seal38540(sealInfo38540(4, [fx.signer.certificate]), fx.maker, { timeStamp: Uint8Array.of(1) });
  assert.match(formatReason(signature38540(tbsSign38540(4, v4WithTimeStamp, fx.document), fx.signer)), /timeStamp is a version 5 field/);
  // A v1 timeInfo that is not a time.
  assert.match(formatReason(signatureV1(tbsSignV1(fx.v1SealDer, fx.signer, fx.document, textTime('yesterday')), fx.signer)), /not a time/);
  assert.match(
    formatReason(signatureV1(tbsSignV1(fx.v1SealDer, fx.signer, fx.document, textTime('2030-02-30 10:00:00')), fx.signer)),
    /impossible date/,
  );
});

test('GM/T 0031-2014 (v1): seal and signature verify, and each check is the same named check', () => {
  const seal = verifySesSeal(fx.v1SealDer, sealOptions);
  assert.ok(seal.ok, seal.ok ? '' : seal.reason);
  assert.equal(seal.version, 1);
  assert.deepEqual(seal.seal.sealInfo.property.certList, { type: 1, certificates: [fx.signer.certificate.der] });
  assert.deepEqual(seal.seal.sealInfo.property.validEnd, at(100));
  const signature = verifySesSignature(fx.v1SignatureDer, fx.options);
  assert.ok(signature.ok, signature.ok ? '' : signature.reason);
  assert.equal(signature.version, 1);
  assert.deepEqual(signature.signature.toSign.timeInfo, at(0));
  assert.equal(signature.signature.toSign.propertyInfo, PROPERTY_INFO);

  // The maker signs SEQUENCE { sealInfo, cert, signatureAlgorithm }; a signature over SES_SealInfo alone (the v4 rule) fails.
  const info = sealInfoV1([fx.signer.certificate]);
  const v4Rule = sealV1(info, fx.maker, info);
  assert.equal(verifySesSeal(v4Rule, sealOptions).ok, false);
  const tampered = fx.v1SignatureDer.slice();
  tampered[tampered.length - 10]! ^= 0x01;
  assert.equal(outcome(tampered), 'signature');
  const byOutsider = signatureV1(tbsSignV1(fx.v1SealDer, fx.outsider, fx.document, textTime('2030-01-01T00:00:00Z')), fx.outsider);
  assert.equal(outcome(byOutsider), 'signerCertInSeal');
  assert.equal(outcome(fx.v1SignatureDer, { ...fx.options, document: utf8('another document') }), 'documentHash');
  const late = signatureV1(tbsSignV1(fx.v1SealDer, fx.signer, fx.document, textTime('2030-04-12T00:00:00Z')), fx.signer);
  assert.equal(outcome(late), 'sealValidity');
});

test('GM/T 0031-2014 timeInfo: the text forms and time types met in the wild', () => {
  const timeOf = (timeInfo: Uint8Array) => {
    const der = signatureV1(tbsSignV1(fx.v1SealDer, fx.signer, fx.document, timeInfo), fx.signer);
    const result = verifySesSignature(der, fx.options);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    return { time: result.signature.toSign.timeInfo.toISOString(), tolerated: result.tolerated.filter((note) => note.includes('timeInfo')) };
  };
  const noted = ['TBS_Sign.timeInfo without a time zone, read as Beijing time (UTC+8)'];
  assert.deepEqual(timeOf(textTime('2030-01-01T00:00:00.377Z')), { time: '2030-01-01T00:00:00.377Z', tolerated: [] });
  assert.deepEqual(timeOf(textTime('2030-01-01T08:00:00+08:00')), { time: '2030-01-01T00:00:00.000Z', tolerated: [] });
  assert.deepEqual(timeOf(textTime('2030-01-01 08:00:00')), { time: '2030-01-01T00:00:00.000Z', tolerated: noted });
  assert.deepEqual(timeOf(textTime('20300101000000Z')), { time: '2030-01-01T00:00:00.000Z', tolerated: [] });
  assert.deepEqual(timeOf(textTime('300101000000Z')), { time: '2030-01-01T00:00:00.000Z', tolerated: [] });
  assert.deepEqual(timeOf(generalizedTime(at(0))), { time: '2030-01-01T00:00:00.000Z', tolerated: [] });
  assert.deepEqual(timeOf(utcTime(at(0))), { time: '2030-01-01T00:00:00.000Z', tolerated: [] });
});

test('version 5: header 5 and the maker time stamp of SESeal, kept and not verified', () => {
  const seal = verifySesSeal(fx.v5SealDer, sealOptions);
  assert.ok(seal.ok, seal.ok ? '' : seal.reason);
  assert.equal(seal.version, 5);
  assert.deepEqual(seal.seal.timeStamp, Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05));
  const signature = verifySesSignature(fx.v5SignatureDer, fx.options);
  assert.ok(signature.ok && signature.version === 5, JSON.stringify(signature.checks));
  // The time stamp lies outside what the maker signed: another one leaves the seal valid (it is not checked).
  const restamped = seal38540(sealInfo38540(5, [fx.signer.certificate]), fx.maker, { timeStamp: Uint8Array.of(9) });
  assert.equal(verifySesSeal(restamped, sealOptions).ok, true);
});

test('an SM2 signature value written as 64 octets r || s is accepted and noted; it must still verify', () => {
  const tbs = tbsSign38540(4, fx.falseSealDer, fx.document);
  const raw = sm2SignatureToRaw(sm2Sign(fx.signer.keys.privateKey, tbs));
  const result = verifySesSignature(signature38540(tbs, fx.signer, { value: raw }), fx.options);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.ok(result.tolerated.includes('SM2 signature value as 64 octets r || s instead of DER'));
  const wrong = raw.slice();
  wrong[40]! ^= 0x01;
  assert.equal(outcome(signature38540(tbs, fx.signer, { value: wrong })), 'signature');
  assert.equal(outcome(signature38540(tbs, fx.signer, { value: new Uint8Array(64).fill(0xff) })), 'signature'); // r, s >= n
  assert.equal(outcome(signature38540(tbs, fx.signer, { value: new Uint8Array(63) })), 'signature');
});

test('"valid except for trust": all cryptography holds and the certificates are fine on their own, but no trusted root', () => {
  const untrusted = { ...fx.options, trust: { trustedRoots: [] } };
  for (const der of [fx.v1SignatureDer, fx.falseSignatureDer, fx.v5SignatureDer]) {
    const result = verifySesSignature(der, untrusted);
    assert.ok(!result.ok, 'still not ok: trust is part of validity');
    assert.equal(result.outcome, 'validExceptTrust');
    assert.equal(result.failedCheck, 'sealMakerCertificate');
    assert.match(result.reason, /untrustedIssuer/);
    assert.deepEqual(
      result.checks.filter((c) => c.status !== 'passed').map((c) => [c.check, c.status]),
      [
        ['sealMakerCertificate', 'untrusted'],
        ['certificateValidity', 'untrusted'],
      ],
    );
  }
  const seal = verifySesSeal(fx.v1SealDer, { trust: { trustedRoots: [] }, at: at(0) });
  assert.ok(!seal.ok && seal.outcome === 'validExceptTrust' && seal.version === 1);
  // Untrusted and something else wrong is invalid: another document, or a certificate expired on its own.
  const otherDocument = verifySesSignature(fx.falseSignatureDer, { ...untrusted, document: utf8('x') });
  assert.ok(!otherDocument.ok && otherDocument.outcome === 'invalid' && otherDocument.failedCheck === 'sealMakerCertificate');
  const expired = verifySesSignature(fx.falseSignatureDer, { ...untrusted, at: at(5000) });
  assert.ok(!expired.ok && expired.outcome === 'invalid');
  assert.match(expired.reason, /on its own: expired/);
  // Trusted, everything passes: the outcome is plain valid.
  const trusted = verifySesSignature(fx.falseSignatureDer, fx.options);
  assert.ok(trusted.ok && trusted.outcome === 'valid');
});

test('a check that needs an unreadable certificate is reported as not run, after the failure that explains it', () => {
  const tbs = tbsSign38540(4, fx.falseSealDer, fx.document);
  const der = sequence(tbs, octetString(Uint8Array.of(1, 2, 3)), oid(Oid.sm2WithSm3), bitString(sm2Sign(fx.signer.keys.privateKey, tbs)));
  const result = verifySesSignature(der, fx.options);
  assert.ok(!result.ok && result.failedCheck === 'signature' && result.outcome === 'invalid');
  assert.match(result.reason, /signer certificate unreadable/);
  assert.deepEqual(
    result.checks.map((c) => [c.check, c.status]),
    [
      ['signature', 'failed'],
      ['signerCertInSeal', 'failed'],
      ['sealSignature', 'passed'],
      ['sealMakerCertificate', 'passed'],
      ['sealValidity', 'passed'],
      ['certificateValidity', 'notRun'],
      ['documentHash', 'passed'],
    ],
  );
});
