// GB/T 38540-2020 (secure electronic seal, version 4) data structures, field by
// field. Names follow the standard's ASN.1 so the mapping stays obvious. Seals
// and signatures received in the GM/T 0031-2014 (v1) and version 5 structures
// decode into the same types (docs/CRYPTO.md has the differences).

/**
 * The structures a seal follows: GM/T 0031-2014 (1), GB/T 38540-2020 (4), and
 * the version 5 variant found in the wild (ofdrw names it GM/T 0031-2025).
 */
export type SesVersion = 1 | 4 | 5;

export const SES_VERSION_NAMES: Readonly<Record<SesVersion, string>> = {
  1: 'GM/T 0031-2014 (v1)',
  4: 'GB/T 38540-2020 (v4)',
  5: 'version 5 (GM/T 0031-2025, as ofdrw writes it)',
};

/** SES_Header ::= SEQUENCE { ID IA5String ("ES"), version INTEGER (4), Vid IA5String } */
export interface SesHeader {
  readonly id: string;
  readonly version: number;
  readonly vendorId: string;
}

/** CertDigestObj ::= SEQUENCE { type PrintableString, value OCTET STRING } */
export interface SesCertDigest {
  readonly type: string;
  readonly value: Uint8Array;
}

/** certListType 1: SEQUENCE OF OCTET STRING (DER certificates); 2: SEQUENCE OF CertDigestObj. A v1 certList is type 1. */
export type SesCertList =
  { readonly type: 1; readonly certificates: readonly Uint8Array[] } | { readonly type: 2; readonly digests: readonly SesCertDigest[] };

/** SES_ESPropertyInfo: type, name, certListType, certList, createDate, validStart, validEnd. */
export interface SesPropertyInfo {
  readonly type: number;
  readonly name: string;
  readonly certList: SesCertList;
  readonly createDate: Date;
  readonly validStart: Date;
  readonly validEnd: Date;
}

/** SES_ESPictrueInfo (sic): type IA5String ("PNG", "SVG", ...), data, width/height in mm. */
export interface SesPictureInfo {
  readonly type: string;
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** ExtData ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
export interface SesExtData {
  readonly extnId: string;
  readonly critical: boolean;
  readonly extnValue: Uint8Array;
}

/** SES_SealInfo ::= SEQUENCE { header, esID IA5String, property, picture, extDatas OPTIONAL } */
export interface SesSealInfo {
  readonly header: SesHeader;
  readonly esId: string;
  readonly property: SesPropertyInfo;
  readonly picture: SesPictureInfo;
  readonly extDatas?: readonly SesExtData[];
}

/**
 * SESeal ::= SEQUENCE { esealInfo, cert OCTET STRING, signAlgID OID, signedValue BIT STRING,
 * timeStamp [0] EXPLICIT BIT STRING OPTIONAL (version 5 only) }.
 * cert, signAlgID and signedValue are the seal maker's signature information
 * (SES_SignInfo in GM/T 0031; GB/T 38540 v4 places them directly in SESeal).
 */
export interface SesSeal {
  readonly sealInfo: SesSealInfo;
  readonly makerCertificate: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signedValue: Uint8Array;
  /** Version 5: a time stamp over signedValue, outside what the maker signed; kept, not verified. */
  readonly timeStamp?: Uint8Array;
}

/** TBS_Sign ::= SEQUENCE { version, eseal, timeInfo GeneralizedTime, dataHash BIT STRING, propertyInfo IA5String, extDatas [0] OPTIONAL } */
export interface SesTbsSign {
  readonly version: number;
  readonly seal: SesSeal;
  readonly timeInfo: Date;
  readonly dataHash: Uint8Array;
  readonly propertyInfo: string;
  readonly extDatas?: readonly SesExtData[];
}

/** SES_Signature ::= SEQUENCE { toSign, cert OCTET STRING, signatureAlgID OID, signature BIT STRING, timeStamp [0] BIT STRING OPTIONAL } */
export interface SesSignature {
  readonly toSign: SesTbsSign;
  readonly signerCertificate: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  readonly timeStamp?: Uint8Array;
}

export const SES_HEADER_ID = 'ES';
/** CertDigestObj.type this implementation writes and accepts for certListType 2. */
export const SES_CERT_DIGEST_TYPE = 'SM3';
export const SES_VERSION = 4;
