// Strict DER decoding of the GB/T 38540 structures. The *Parts variants also
// return the signed sub-encodings exactly as they appear in the input, which
// is what signature verification must hash.
import type { DerElement } from '../der/decode.ts';
import { DerReader } from '../der/reader.ts';
import { contextConstructed, DerError, Tag } from '../der/tags.ts';
import { booleanValue, octetAlignedBits } from '../der/values.ts';
import type {
  SesCertDigest,
  SesCertList,
  SesExtData,
  SesHeader,
  SesPictureInfo,
  SesPropertyInfo,
  SesSeal,
  SesSealInfo,
  SesSignature,
} from './types.ts';

function readHeader(r: DerReader): SesHeader {
  const header = { id: r.ia5String('ID'), version: r.smallInteger('version'), vendorId: r.ia5String('Vid') };
  r.end();
  return header;
}

function readCertList(type: number, r: DerReader): SesCertList {
  if (type === 1) {
    const certificates: Uint8Array[] = [];
    while (r.hasMore()) certificates.push(r.octetString('cert'));
    return { type: 1, certificates };
  }
  if (type === 2) {
    const digests: SesCertDigest[] = [];
    while (r.hasMore()) {
      const d = r.sequence('CertDigestObj');
      digests.push({ type: d.printableString('type'), value: d.octetString('value') });
      d.end();
    }
    return { type: 2, digests };
  }
  throw new DerError(`unknown certListType ${type}`);
}

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

function readPicture(r: DerReader): SesPictureInfo {
  const picture = { type: r.ia5String('type'), data: r.octetString('data'), width: r.smallInteger('width'), height: r.smallInteger('height') };
  r.end();
  return picture;
}

export function readExtDatas(r: DerReader): SesExtData[] {
  const list: SesExtData[] = [];
  while (r.hasMore()) {
    const e = r.sequence('ExtData');
    const extnId = e.oid('extnID');
    const criticalElement = e.optional(Tag.BOOLEAN);
    const critical = criticalElement ? booleanValue(criticalElement) : false;
    // DER omits a DEFAULT value, so an explicit FALSE is non-canonical.
    if (criticalElement && !critical) throw new DerError('ExtData.critical FALSE must be omitted');
    list.push({ extnId, critical, extnValue: e.octetString('extnValue') });
    e.end();
  }
  return list;
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

export interface SealParts {
  readonly seal: SesSeal;
  readonly sealInfoDer: Uint8Array;
}

function readSeal(element: DerElement): SealParts {
  const r = new DerReader(element, 'SESeal');
  const sealInfoElement = r.next(Tag.SEQUENCE, 'esealInfo');
  const seal = {
    sealInfo: readSealInfo(new DerReader(sealInfoElement, 'SES_SealInfo')),
    makerCertificate: r.octetString('cert'),
    signatureAlgorithm: r.oid('signAlgID'),
    signedValue: r.octetAlignedBits('signedValue'),
  };
  r.end();
  return { seal, sealInfoDer: sealInfoElement.raw };
}

export function decodeSealParts(der: Uint8Array): SealParts {
  return readSeal(DerReader.fromBytes(der, 'SESeal').element);
}

export function decodeSeal(der: Uint8Array): SesSeal {
  return decodeSealParts(der).seal;
}

export interface SignatureParts extends SealParts {
  readonly signature: SesSignature;
  readonly tbsSignDer: Uint8Array;
}

export function decodeSignatureParts(der: Uint8Array): SignatureParts {
  const r = DerReader.fromBytes(der, 'SES_Signature');
  const tbsElement = r.next(Tag.SEQUENCE, 'toSign');
  const tbs = new DerReader(tbsElement, 'TBS_Sign');
  const version = tbs.smallInteger('version');
  const { seal, sealInfoDer } = readSeal(tbs.next(Tag.SEQUENCE, 'eseal'));
  const timeInfo = tbs.generalizedTime('timeInfo');
  const dataHash = tbs.octetAlignedBits('dataHash');
  const propertyInfo = tbs.ia5String('propertyInfo');
  const extElement = tbs.optional(contextConstructed(0));
  let extDatas: SesExtData[] | undefined;
  if (extElement) {
    const wrapper = new DerReader(extElement, 'extDatas', contextConstructed(0));
    extDatas = readExtDatas(wrapper.sequence('ExtensionDatas'));
    wrapper.end();
  }
  tbs.end();
  const signerCertificate = r.octetString('cert');
  const signatureAlgorithm = r.oid('signatureAlgID');
  const signatureValue = r.octetAlignedBits('signature');
  const stampElement = r.optional(contextConstructed(0));
  let timeStamp: Uint8Array | undefined;
  if (stampElement) {
    const wrapper = new DerReader(stampElement, 'timeStamp', contextConstructed(0));
    timeStamp = octetAlignedBits(wrapper.next(Tag.BIT_STRING, 'timeStamp'));
    wrapper.end();
  }
  r.end();
  const toSign = { version, seal, timeInfo, dataHash, propertyInfo, ...(extDatas ? { extDatas } : {}) };
  const signature: SesSignature = {
    toSign,
    signerCertificate,
    signatureAlgorithm,
    signature: signatureValue,
    ...(timeStamp ? { timeStamp } : {}),
  };
  return { signature, seal, sealInfoDer, tbsSignDer: tbsElement.raw };
}

export function decodeSignature(der: Uint8Array): SesSignature {
  return decodeSignatureParts(der).signature;
}
