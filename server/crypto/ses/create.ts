// Making a seal (the seal maker signs SES_SealInfo) and stamping a document
// with it (the signer signs TBS_Sign), GB/T 38540-2020 sections 6 and 7.
import { bytesEqual } from '../bytes.ts';
import { Oid } from '../oids.ts';
import type { Sm2PrivateKey } from '../sm2/keys.ts';
import { sm2Sign } from '../sm2/sign.ts';
import { sm3 } from '../sm3.ts';
import type { Certificate } from '../x509/certificate.ts';
import { decodeSealParts } from './decode.ts';
import { encodeSeal, encodeSealInfo, encodeSignature, encodeTbsSign } from './encode.ts';
import { SES_CERT_DIGEST_TYPE, SES_HEADER_ID, SES_VERSION, type SesExtData, type SesPictureInfo, type SesSeal, type SesSignature } from './types.ts';

export interface SealRequest {
  /** Vid: the vendor (system) that made the seal. */
  readonly vendorId: string;
  /** esID: unique seal identifier. */
  readonly sealId: string;
  readonly type: number;
  readonly name: string;
  /** Certificates of the people or units allowed to stamp with this seal. */
  readonly signerCertificates: readonly Certificate[];
  /** 1 embeds the certificates (default), 2 embeds their SM3 digests. */
  readonly certListType?: 1 | 2;
  readonly createDate: Date;
  readonly validStart: Date;
  readonly validEnd: Date;
  readonly picture: SesPictureInfo;
  readonly extDatas?: readonly SesExtData[];
}

export interface SesKeyHolder {
  readonly certificate: Certificate;
  readonly privateKey: Sm2PrivateKey;
}

function assertKeyMatches(holder: SesKeyHolder, role: string): void {
  if (!holder.certificate.publicKey.equals(holder.privateKey.publicKey)) {
    throw new Error(`${role} private key does not match the ${role} certificate`);
  }
}

export function createSeal(request: SealRequest, maker: SesKeyHolder): { seal: SesSeal; der: Uint8Array } {
  assertKeyMatches(maker, 'seal maker');
  const certificates = request.signerCertificates.map((c) => c.der);
  const sealInfo = {
    header: { id: SES_HEADER_ID, version: SES_VERSION, vendorId: request.vendorId },
    esId: request.sealId,
    property: {
      type: request.type,
      name: request.name,
      certList:
        request.certListType === 2
          ? { type: 2 as const, digests: certificates.map((der) => ({ type: SES_CERT_DIGEST_TYPE, value: sm3(der) })) }
          : { type: 1 as const, certificates },
      createDate: request.createDate,
      validStart: request.validStart,
      validEnd: request.validEnd,
    },
    picture: request.picture,
    ...(request.extDatas ? { extDatas: request.extDatas } : {}),
  };
  const seal: SesSeal = {
    sealInfo,
    makerCertificate: maker.certificate.der,
    signatureAlgorithm: Oid.sm2WithSm3,
    signedValue: sm2Sign(maker.privateKey, encodeSealInfo(sealInfo)),
  };
  return { seal, der: encodeSeal(seal) };
}

export interface StampRequest {
  /** The seal exactly as its maker issued it (DER SESeal). */
  readonly sealDer: Uint8Array;
  /** The document; its SM3 digest becomes dataHash. Or give documentHash. */
  readonly document?: Uint8Array;
  readonly documentHash?: Uint8Array;
  /** propertyInfo: what is signed and where (document ID, range, ...). */
  readonly propertyInfo: string;
  readonly signingTime?: Date;
  readonly extDatas?: readonly SesExtData[];
}

export function signWithSeal(request: StampRequest, signer: SesKeyHolder): { signature: SesSignature; der: Uint8Array } {
  assertKeyMatches(signer, 'signer');
  const { seal } = decodeSealParts(request.sealDer);
  const list = seal.sealInfo.property.certList;
  const allowed =
    list.type === 1
      ? list.certificates.some((der) => bytesEqual(der, signer.certificate.der))
      : list.digests.some((d) => bytesEqual(d.value, sm3(signer.certificate.der)));
  if (!allowed) throw new Error('the signer certificate is not listed in the seal');
  if ((request.document === undefined) === (request.documentHash === undefined)) {
    throw new Error('give exactly one of document and documentHash');
  }
  const toSign = {
    version: seal.sealInfo.header.version,
    seal,
    timeInfo: new Date(Math.floor((request.signingTime ?? new Date()).getTime() / 1000) * 1000),
    dataHash: request.documentHash ?? sm3(request.document as Uint8Array),
    propertyInfo: request.propertyInfo,
    ...(request.extDatas ? { extDatas: request.extDatas } : {}),
  };
  const tbsSignDer = encodeTbsSign(toSign, request.sealDer);
  const signature: SesSignature = {
    toSign,
    signerCertificate: signer.certificate.der,
    signatureAlgorithm: Oid.sm2WithSm3,
    signature: sm2Sign(signer.privateKey, tbsSignDer),
  };
  return { signature, der: encodeSignature(signature, tbsSignDer) };
}
