// Decoding of the GB/T 38540 structures (versions 4 and 5). Strict DER unless a
// BerTolerance is given (decode-received.ts does, for what others made). The
// *Parts variants also return the signed parts exactly as they appear in the
// input, which is what signature verification must hash.
import type { BerTolerance } from '../der/ber.ts';
import type { DerElement } from '../der/decode.ts';
import { DerReader } from '../der/reader.ts';
import { contextConstructed, Tag } from '../der/tags.ts';
import { octetAlignedBits } from '../der/values.ts';
import { readCertList, readExtDatas, readHeader, readPicture } from './decode-shared.ts';
import type { SesExtData, SesPropertyInfo, SesSeal, SesSealInfo, SesSignature } from './types.ts';

function readProperty(r: DerReader): SesPropertyInfo {
  const type = r.smallInteger('type');
  const name = r.utf8String('name');
  const certList = readCertList(r.smallInteger('certListType'), r.sequence('certList'));
  const property = {
    type,
    name,
    certList,
    createDate: r.generalizedTime('createDate'),
    validStart: r.generalizedTime('validStart'),
    validEnd: r.generalizedTime('validEnd'),
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

/** `[0] EXPLICIT BIT STRING OPTIONAL`, the time stamp of SESeal (v5) and SES_Signature. */
function readOptionalTimeStamp(r: DerReader): Uint8Array | undefined {
  const element = r.optional(contextConstructed(0));
  if (!element) return undefined;
  const wrapper = r.open(element, 'timeStamp', contextConstructed(0));
  const timeStamp = octetAlignedBits(wrapper.next(Tag.BIT_STRING, 'timeStamp'));
  wrapper.end();
  return timeStamp;
}

export interface SealParts {
  readonly seal: SesSeal;
  /** The bytes the seal maker signed, as received. */
  readonly makerSignedData: Uint8Array;
}

export function readSeal(element: DerElement, ber?: BerTolerance): SealParts {
  const r = new DerReader(element, 'SESeal', Tag.SEQUENCE, ber);
  const sealInfoElement = r.next(Tag.SEQUENCE, 'esealInfo');
  const sealInfo = readSealInfo(r.open(sealInfoElement, 'SES_SealInfo'));
  const makerCertificate = r.octetString('cert');
  const signatureAlgorithm = r.oid('signAlgID');
  const signedValue = r.octetAlignedBits('signedValue');
  const timeStamp = readOptionalTimeStamp(r);
  r.end();
  const seal = { sealInfo, makerCertificate, signatureAlgorithm, signedValue, ...(timeStamp ? { timeStamp } : {}) };
  // GB/T 38540: the maker signs SES_SealInfo alone.
  return { seal, makerSignedData: sealInfoElement.raw };
}

export function decodeSealParts(der: Uint8Array, ber?: BerTolerance): SealParts {
  return readSeal(DerReader.fromBytes(der, 'SESeal', ber).element, ber);
}

export function decodeSeal(der: Uint8Array): SesSeal {
  return decodeSealParts(der).seal;
}

export interface SignatureParts extends SealParts {
  readonly signature: SesSignature;
  /** The bytes the signer signed (TBS_Sign), as received. */
  readonly signerSignedData: Uint8Array;
}

export function decodeSignatureParts(der: Uint8Array, ber?: BerTolerance): SignatureParts {
  const r = DerReader.fromBytes(der, 'SES_Signature', ber);
  const tbsElement = r.next(Tag.SEQUENCE, 'toSign');
  const tbs = r.open(tbsElement, 'TBS_Sign');
  const version = tbs.smallInteger('version');
  const { seal, makerSignedData } = readSeal(tbs.next(Tag.SEQUENCE, 'eseal'), ber);
  const timeInfo = tbs.generalizedTime('timeInfo');
  const dataHash = tbs.octetAlignedBits('dataHash');
  const propertyInfo = tbs.ia5String('propertyInfo');
  const extElement = tbs.optional(contextConstructed(0));
  let extDatas: SesExtData[] | undefined;
  if (extElement) {
    const wrapper = tbs.open(extElement, 'TBS_Sign.extDatas', contextConstructed(0));
    extDatas = readExtDatas(wrapper.sequence('ExtensionDatas'));
    wrapper.end();
  }
  tbs.end();
  const signerCertificate = r.octetString('cert');
  const signatureAlgorithm = r.oid('signatureAlgID');
  const signatureValue = r.octetAlignedBits('signature');
  const timeStamp = readOptionalTimeStamp(r);
  r.end();
  const toSign = { version, seal, timeInfo, dataHash, propertyInfo, ...(extDatas ? { extDatas } : {}) };
  const signature: SesSignature = {
    toSign,
    signerCertificate,
    signatureAlgorithm,
    signature: signatureValue,
    ...(timeStamp ? { timeStamp } : {}),
  };
  return { signature, seal, makerSignedData, signerSignedData: tbsElement.raw };
}

export function decodeSignature(der: Uint8Array): SesSignature {
  return decodeSignatureParts(der).signature;
}
