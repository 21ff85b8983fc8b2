// Decoding of GM/T 0031-2014 (version 1) seals and signatures, always as
// received (BER tolerance). Field orders follow the seals found in the wild
// and two open implementations (ofdrw ses.v1, gm_0031_38540_verifier):
//
//   SESeal        ::= SEQUENCE { esealInfo SES_SealInfo, signInfo SES_SignInfo }
//   SES_SealInfo  ::= as GB/T 38540, but property has no certListType:
//   SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certList SEQUENCE OF OCTET STRING,
//                    createDate UTCTime, validStart UTCTime, validEnd UTCTime }
//   SES_SignInfo  ::= SEQUENCE { cert OCTET STRING, signatureAlgorithm OID, signData BIT STRING }
//   TBS_Sign      ::= SEQUENCE { version INTEGER, eseal SESeal, timeInfo BIT STRING, dataHash BIT STRING,
//                    propertyInfo IA5String, cert OCTET STRING, signatureAlgorithm OID }
//   SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }
import type { BerTolerance } from '../der/ber.ts';
import type { DerElement } from '../der/decode.ts';
import { sequence } from '../der/encode.ts';
import { DerReader } from '../der/reader.ts';
import { Tag } from '../der/tags.ts';
import { octetStringValue, oidValue } from '../der/values.ts';
import type { SealParts, SignatureParts } from './decode.ts';
import { readCertificates, readExtDatas, readHeader, readPicture } from './decode-shared.ts';
import type { SesPropertyInfo, SesSealInfo, SesSignature } from './types.ts';
import { readV1TimeInfo } from './v1-time.ts';

function readProperty(r: DerReader): SesPropertyInfo {
  const property = {
    type: r.smallInteger('type'),
    name: r.utf8String('name'),
    certList: readCertificates(r.sequence('certList')),
    // UTCTime in the standard; GeneralizedTime is also met (ofdrw reads both).
    createDate: r.x509Time('createDate'),
    validStart: r.x509Time('validStart'),
    validEnd: r.x509Time('validEnd'),
  };
  r.end();
  return property;
}

function readSealInfo(r: DerReader): SesSealInfo {
  const header = readHeader(r.sequence('header'));
  const esId = r.ia5String('esID');
  const property = readProperty(r.sequence('property'));
  const picture = readPicture(r.sequence('picture'));
  const extDatas = r.hasMore() ? readExtDatas(r.sequence('extDatas')) : undefined;
  r.end();
  return { header, esId, property, picture, ...(extDatas ? { extDatas } : {}) };
}

export function readSealV1(element: DerElement, ber: BerTolerance): SealParts {
  const r = new DerReader(element, 'SESeal', Tag.SEQUENCE, ber);
  const sealInfoElement = r.next(Tag.SEQUENCE, 'esealInfo');
  const sealInfo = readSealInfo(r.open(sealInfoElement, 'SES_SealInfo'));
  const signInfo = r.sequence('signInfo');
  const certElement = signInfo.next(Tag.OCTET_STRING, 'cert');
  const algorithmElement = signInfo.next(Tag.OID, 'signatureAlgorithm');
  const signedValue = signInfo.octetAlignedBits('signData');
  signInfo.end();
  r.end();
  const seal = { sealInfo, makerCertificate: octetStringValue(certElement), signatureAlgorithm: oidValue(algorithmElement), signedValue };
  // GM/T 0031-2014: the maker signs SEQUENCE { esealInfo, cert, signatureAlgorithm }. Only that
  // SEQUENCE's own tag and length are written here; what it holds is the three fields as received.
  return { seal, makerSignedData: sequence(sealInfoElement.raw, certElement.raw, algorithmElement.raw) };
}

export function decodeSignatureV1(der: Uint8Array, ber: BerTolerance): SignatureParts {
  const r = DerReader.fromBytes(der, 'SES_Signature', ber);
  const tbsElement = r.next(Tag.SEQUENCE, 'toSign');
  const tbs = r.open(tbsElement, 'TBS_Sign');
  const version = tbs.smallInteger('version');
  const { seal, makerSignedData } = readSealV1(tbs.next(Tag.SEQUENCE, 'eseal'), ber);
  const timeInfo = readV1TimeInfo(tbs.next(undefined, 'timeInfo'), ber);
  const dataHash = tbs.octetAlignedBits('dataHash');
  const propertyInfo = tbs.ia5String('propertyInfo');
  const signerCertificate = tbs.octetString('cert');
  const signatureAlgorithm = tbs.oid('signatureAlgorithm');
  tbs.end();
  const signatureValue = r.octetAlignedBits('signature');
  r.end();
  const signature: SesSignature = {
    toSign: { version, seal, timeInfo, dataHash, propertyInfo },
    signerCertificate,
    signatureAlgorithm,
    signature: signatureValue,
  };
  return { signature, seal, makerSignedData, signerSignedData: tbsElement.raw };
}
