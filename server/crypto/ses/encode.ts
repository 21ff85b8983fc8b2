// DER encoding of the GB/T 38540 structures. Encoding is deterministic, so the
// bytes a maker or signer signs are exactly encodeSealInfo / encodeTbsSign.
import {
  bitString,
  boolean,
  explicit,
  generalizedTime,
  ia5String,
  integer,
  octetString,
  oid,
  printableString,
  sequence,
  utf8String,
} from '../der/encode.ts';
import type { SesCertList, SesExtData, SesHeader, SesPictureInfo, SesPropertyInfo, SesSeal, SesSealInfo, SesSignature, SesTbsSign } from './types.ts';

const encodeHeader = (h: SesHeader): Uint8Array => sequence(ia5String(h.id), integer(h.version), ia5String(h.vendorId));

function encodeCertList(list: SesCertList): Uint8Array {
  return list.type === 1
    ? sequence(...list.certificates.map(octetString))
    : sequence(...list.digests.map((d) => sequence(printableString(d.type), octetString(d.value))));
}

const encodeProperty = (p: SesPropertyInfo): Uint8Array =>
  sequence(
    integer(p.type),
    utf8String(p.name),
    integer(p.certList.type),
    encodeCertList(p.certList),
    generalizedTime(p.createDate),
    generalizedTime(p.validStart),
    generalizedTime(p.validEnd),
  );

const encodePicture = (p: SesPictureInfo): Uint8Array => sequence(ia5String(p.type), octetString(p.data), integer(p.width), integer(p.height));

export function encodeExtDatas(list: readonly SesExtData[]): Uint8Array {
  return sequence(...list.map((e) => sequence(oid(e.extnId), ...(e.critical ? [boolean(true)] : []), octetString(e.extnValue))));
}

export function encodeSealInfo(info: SesSealInfo): Uint8Array {
  return sequence(
    encodeHeader(info.header),
    ia5String(info.esId),
    encodeProperty(info.property),
    encodePicture(info.picture),
    ...(info.extDatas ? [encodeExtDatas(info.extDatas)] : []),
  );
}

export function encodeSeal(seal: SesSeal): Uint8Array {
  return sequence(
    encodeSealInfo(seal.sealInfo),
    octetString(seal.makerCertificate),
    oid(seal.signatureAlgorithm),
    bitString(seal.signedValue),
    // Only a decoded version 5 seal has one: encoding gives back what was decoded.
    ...(seal.timeStamp ? [explicit(0, bitString(seal.timeStamp))] : []),
  );
}

/** sealDer lets a signer embed a seal exactly as its maker encoded it. */
export function encodeTbsSign(tbs: SesTbsSign, sealDer: Uint8Array = encodeSeal(tbs.seal)): Uint8Array {
  return sequence(
    integer(tbs.version),
    sealDer,
    generalizedTime(tbs.timeInfo),
    bitString(tbs.dataHash),
    ia5String(tbs.propertyInfo),
    ...(tbs.extDatas ? [explicit(0, encodeExtDatas(tbs.extDatas))] : []),
  );
}

export function encodeSignature(signature: SesSignature, tbsSignDer: Uint8Array = encodeTbsSign(signature.toSign)): Uint8Array {
  return sequence(
    tbsSignDer,
    octetString(signature.signerCertificate),
    oid(signature.signatureAlgorithm),
    bitString(signature.signature),
    ...(signature.timeStamp ? [explicit(0, bitString(signature.timeStamp))] : []),
  );
}
