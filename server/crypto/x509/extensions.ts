// The certificate extensions a small SM2 PKI needs (RFC 5280 4.2), encoded and
// decoded. Unknown critical extensions are recorded so that chain validation
// can refuse them, as RFC 5280 requires.
import { boolean, explicit, integer, namedBits, octetString, oid, sequence, tlv } from '../der/encode.ts';
import type { DerElement } from '../der/decode.ts';
import { decodeDer } from '../der/decode.ts';
import { DerReader } from '../der/reader.ts';
import { contextPrimitive, DerError, excerpt, Tag } from '../der/tags.ts';
import { bitStringValue, booleanValue, octetStringValue } from '../der/values.ts';
import { Oid } from '../oids.ts';
import { sm3 } from '../sm3.ts';

export const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export type KeyUsage = (typeof KEY_USAGES)[number];

export interface CertificateExtensions {
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
  readonly keyUsage?: readonly KeyUsage[];
  readonly extendedKeyUsage?: readonly string[];
  readonly subjectKeyIdentifier?: Uint8Array;
  readonly authorityKeyIdentifier?: Uint8Array;
  /** OIDs of critical extensions this code does not understand. */
  readonly unknownCritical: readonly string[];
}

/** RFC 7093-style key identifier: leftmost 160 bits of SM3 over the public key bits. */
export function keyIdentifier(publicPoint: Uint8Array): Uint8Array {
  return sm3(publicPoint).subarray(0, 20);
}

function extension(extensionOid: string, critical: boolean, value: Uint8Array): Uint8Array {
  // DEFAULT FALSE must be omitted in DER.
  return critical ? sequence(oid(extensionOid), boolean(true), octetString(value)) : sequence(oid(extensionOid), octetString(value));
}

export const basicConstraintsExtension = (ca: boolean, pathLength?: number): Uint8Array =>
  extension(Oid.basicConstraints, true, sequence(...(ca ? [boolean(true)] : []), ...(ca && pathLength !== undefined ? [integer(pathLength)] : [])));

export const keyUsageExtension = (usages: readonly KeyUsage[]): Uint8Array =>
  extension(Oid.keyUsage, true, namedBits(usages.map((usage) => KEY_USAGES.indexOf(usage))));

export const extendedKeyUsageExtension = (purposes: readonly string[]): Uint8Array =>
  extension(Oid.extKeyUsage, false, sequence(...purposes.map(oid)));

export const subjectKeyIdentifierExtension = (id: Uint8Array): Uint8Array => extension(Oid.subjectKeyIdentifier, false, octetString(id));

export const authorityKeyIdentifierExtension = (id: Uint8Array): Uint8Array =>
  extension(Oid.authorityKeyIdentifier, false, sequence(tlv(contextPrimitive(0), id)));

export const crlNumberExtension = (value: bigint): Uint8Array => extension(Oid.crlNumber, false, integer(value));

export function encodeExtensions(extensions: readonly Uint8Array[], tagNumber: number): Uint8Array {
  return explicit(tagNumber, sequence(...extensions));
}

function decodeKeyUsage(value: Uint8Array): KeyUsage[] {
  const { bytes } = bitStringValue(decodeDer(value));
  // DER drops trailing zero bits, so an octet past the end holds only unset bits.
  return KEY_USAGES.filter((_, bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
}

function decodeBasicConstraints(value: Uint8Array): { ca: boolean; pathLength?: number } {
  const reader = DerReader.fromBytes(value, 'BasicConstraints');
  const caElement = reader.optional(Tag.BOOLEAN);
  const ca = caElement ? booleanValue(caElement) : false;
  const pathLength = reader.peekTag() === Tag.INTEGER ? reader.smallInteger('pathLenConstraint') : undefined;
  reader.end();
  return { ca, pathLength };
}

export function decodeAuthorityKeyId(value: Uint8Array): Uint8Array | undefined {
  const reader = DerReader.fromBytes(value, 'AuthorityKeyIdentifier');
  return reader.optional(contextPrimitive(0))?.value;
}

/**
 * The next Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue } of a list,
 * in certificates and CRLs alike. DER omits a DEFAULT value, so an explicit FALSE is refused.
 */
export function readExtension(list: DerReader): { oid: string; critical: boolean; value: Uint8Array } {
  const ext = list.sequence('Extension');
  const extensionOid = ext.oid('extnID');
  const criticalElement = ext.optional(Tag.BOOLEAN);
  const critical = criticalElement ? booleanValue(criticalElement) : false;
  if (criticalElement && !critical) throw new DerError(`extension ${excerpt(extensionOid)}: an explicit critical FALSE is not DER`);
  const value = ext.octetString('extnValue');
  ext.end();
  return { oid: extensionOid, critical, value };
}

/** Parses the SEQUENCE OF Extension inside the [3] / [0] wrapper. */
export function decodeExtensions(element: DerElement | undefined): CertificateExtensions {
  const result: { -readonly [K in keyof CertificateExtensions]: CertificateExtensions[K] } = { unknownCritical: [] };
  if (!element) return result;
  const unknownCritical: string[] = [];
  const list = DerReader.fromBytes(element.value, 'Extensions');
  const seen = new Set<string>();
  while (list.hasMore()) {
    const { oid: extensionOid, critical, value } = readExtension(list);
    if (seen.has(extensionOid)) throw new DerError(`duplicate extension ${excerpt(extensionOid)}`);
    seen.add(extensionOid);
    switch (extensionOid) {
      case Oid.basicConstraints:
        result.basicConstraints = decodeBasicConstraints(value);
        break;
      case Oid.keyUsage:
        result.keyUsage = decodeKeyUsage(value);
        break;
      case Oid.subjectKeyIdentifier:
        result.subjectKeyIdentifier = octetStringValue(decodeDer(value));
        break;
      case Oid.authorityKeyIdentifier:
        result.authorityKeyIdentifier = decodeAuthorityKeyId(value);
        break;
      case Oid.extKeyUsage: {
        const purposes = DerReader.fromBytes(value, 'ExtKeyUsage');
        const oids: string[] = [];
        while (purposes.hasMore()) oids.push(purposes.oid('KeyPurposeId'));
        result.extendedKeyUsage = oids;
        break;
      }
      default:
        if (critical) unknownCritical.push(extensionOid);
    }
  }
  result.unknownCritical = unknownCritical;
  return result;
}
