import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromHex, toHex, utf8 } from '../bytes.ts';
import { decodeDer } from '../der/decode.ts';
import { DerError } from '../der/tags.ts';
import { createSeal, signWithSeal } from '../ses/create.ts';
import { decodeSeal, decodeSignature } from '../ses/decode.ts';
import { encodeSeal, encodeSealInfo, encodeSignature } from '../ses/encode.ts';
import { bitString, boolean, integer, octetString, oid, sequence } from '../der/encode.ts';
import { sm3 } from '../sm3.ts';
import { at } from './support/pki.ts';
import { createSesFixture, PICTURE } from './support/ses-fixture.ts';

const fx = createSesFixture();

test('SES_Seal decodes to every field it was made from and re-encodes byte for byte', () => {
  const seal = decodeSeal(fx.sealDer);
  const info = seal.sealInfo;
  assert.deepEqual(info.header, { id: 'ES', version: 4, vendorId: 'HUKOU-ARCHIVE' });
  assert.equal(info.esId, 'ES-3301-0001');
  assert.equal(info.property.type, 1);
  assert.equal(info.property.name, '户政业务专用章');
  assert.deepEqual(info.property.certList, { type: 1, certificates: [fx.signer.certificate.der] });
  assert.equal(info.property.createDate.getTime(), at(-10).getTime());
  assert.equal(info.property.validStart.getTime(), at(-10).getTime());
  assert.equal(info.property.validEnd.getTime(), at(100).getTime());
  assert.deepEqual(info.picture, { type: 'PNG', data: PICTURE, width: 40, height: 40 });
  assert.deepEqual(info.extDatas, [{ extnId: '1.2.156.9999.1', critical: false, extnValue: utf8('approval-seal') }]);
  assert.deepEqual(seal.makerCertificate, fx.maker.certificate.der);
  assert.equal(seal.signatureAlgorithm, '1.2.156.10197.1.501');
  assert.deepEqual(encodeSeal(seal), fx.sealDer);
});

test('SES_Signature decodes to every field and re-encodes byte for byte', () => {
  const signature = decodeSignature(fx.signatureDer);
  assert.equal(signature.toSign.version, 4);
  assert.deepEqual(encodeSeal(signature.toSign.seal), fx.sealDer);
  assert.equal(signature.toSign.timeInfo.getTime(), at(0).getTime());
  assert.deepEqual(signature.toSign.dataHash, sm3(fx.document));
  assert.equal(signature.toSign.propertyInfo, 'HK-2030-0001/approval.pdf');
  assert.equal(signature.toSign.extDatas, undefined);
  assert.deepEqual(signature.signerCertificate, fx.signer.certificate.der);
  assert.equal(signature.signatureAlgorithm, '1.2.156.10197.1.501');
  assert.equal(signature.timeStamp, undefined);
  assert.deepEqual(encodeSignature(signature), fx.signatureDer);
});

test('optional parts round-trip: TBS extDatas, critical ExtData, timeStamp, certListType 2', () => {
  const maker = { certificate: fx.maker.certificate, privateKey: fx.maker.keys.privateKey };
  const { der: sealDer } = createSeal({ ...fx.sealRequest, certListType: 2, extDatas: undefined }, maker);
  const seal = decodeSeal(sealDer);
  assert.deepEqual(seal.sealInfo.property.certList, { type: 2, digests: [{ type: 'SM3', value: sm3(fx.signer.certificate.der) }] });
  assert.equal(seal.sealInfo.extDatas, undefined);
  const { signature } = signWithSeal(
    {
      sealDer,
      documentHash: sm3(fx.document),
      propertyInfo: 'p',
      signingTime: at(1),
      extDatas: [{ extnId: '1.2.3.4', critical: true, extnValue: Uint8Array.of(5) }],
    },
    { certificate: fx.signer.certificate, privateKey: fx.signer.keys.privateKey },
  );
  const withStamp = { ...signature, timeStamp: Uint8Array.of(1, 2, 3) };
  const der = encodeSignature(withStamp);
  assert.deepEqual(decodeSignature(der), withStamp);
  assert.deepEqual(encodeSignature(decodeSignature(der)), der);
});

test('malformed or non-canonical SES data is refused by the decoder', () => {
  assert.throws(() => decodeSeal(Uint8Array.from([...fx.sealDer, 0])), DerError, 'trailing byte');
  assert.throws(() => decodeSignature(fx.sealDer), DerError, 'a seal is not a signature');
  assert.throws(() => decodeSeal(fx.signatureDer), DerError, 'a signature is not a seal');
  const seal = decodeSeal(fx.sealDer);
  const rebuild = (extra: Uint8Array): Uint8Array => {
    // SES_SealInfo without extDatas, with `extra` appended as its last field.
    const withoutExt = decodeDer(encodeSealInfo({ ...seal.sealInfo, extDatas: undefined })).value;
    return sequence(sequence(withoutExt, extra), octetString(seal.makerCertificate), oid(seal.signatureAlgorithm), bitString(seal.signedValue));
  };
  assert.doesNotThrow(() => decodeSeal(rebuild(sequence(sequence(oid('1.2.3'), octetString(Uint8Array.of(1)))))));
  // DER omits a DEFAULT value, so an ExtData spelling out critical FALSE is refused.
  assert.throws(() => decodeSeal(rebuild(sequence(sequence(oid('1.2.3'), boolean(false), octetString(Uint8Array.of(1)))))), DerError);
  assert.throws(() => decodeSeal(rebuild(integer(5))), DerError, 'wrong type for extDatas');
  const emptyList = encodeSeal({
    ...seal,
    sealInfo: { ...seal.sealInfo, property: { ...seal.sealInfo.property, certList: { type: 1, certificates: [] } } },
  });
  assert.doesNotThrow(() => decodeSeal(emptyList));
  const unknownListType = fromHex(toHex(emptyList).replace('0201013000', '0201033000'));
  assert.notEqual(toHex(unknownListType), toHex(emptyList));
  assert.throws(() => decodeSeal(unknownListType), /certListType/);
});
