// DER layouts of SM2 keys: SubjectPublicKeyInfo (RFC 5280 / RFC 5480),
// PKCS#8 PrivateKeyInfo (RFC 5208) and SEC1 ECPrivateKey (RFC 5915), always with
// id-ecPublicKey + the sm2 curve OID, as OpenSSL and GM/T 0015 write them.
import { bitString, explicit, integer, octetString, oid, sequence } from '../der/encode.ts';
import { DerReader } from '../der/reader.ts';
import { contextConstructed, DerError, excerpt, Tag } from '../der/tags.ts';
import { octetAlignedBits, oidValue } from '../der/values.ts';
import { Oid } from '../oids.ts';

export const SM2_ALGORITHM_IDENTIFIER = sequence(oid(Oid.ecPublicKey), oid(Oid.sm2));

/** Accepts id-ecPublicKey with the sm2 curve, or the bare sm2 OID some CAs use. */
function readSm2Algorithm(reader: DerReader): void {
  const algorithm = reader.sequence('algorithm');
  const algorithmOid = algorithm.oid('algorithm');
  const curve = algorithm.hasMore() ? algorithm.oid('namedCurve') : undefined;
  algorithm.end();
  const isSm2 = (algorithmOid === Oid.ecPublicKey && curve === Oid.sm2) || (algorithmOid === Oid.sm2 && (curve === undefined || curve === Oid.sm2));
  if (!isSm2) throw new DerError(`not an SM2 key (algorithm ${excerpt(algorithmOid)}, curve ${excerpt(curve ?? 'none')})`);
}

export function encodeSpki(point: Uint8Array): Uint8Array {
  return sequence(SM2_ALGORITHM_IDENTIFIER, bitString(point));
}

export function decodeSpki(der: Uint8Array): Uint8Array {
  const reader = DerReader.fromBytes(der, 'SubjectPublicKeyInfo');
  return readSpkiFields(reader);
}

/** Shared with the certificate parser, which meets SPKI inside a TBSCertificate. */
export function readSpkiFields(reader: DerReader): Uint8Array {
  readSm2Algorithm(reader);
  const point = reader.octetAlignedBits('subjectPublicKey');
  reader.end();
  return point;
}

export function encodeEcPrivateKey(scalar: Uint8Array, point: Uint8Array): Uint8Array {
  return sequence(integer(1), octetString(scalar), explicit(1, bitString(point)));
}

export function encodePkcs8(scalar: Uint8Array, point: Uint8Array): Uint8Array {
  return sequence(integer(0), SM2_ALGORITHM_IDENTIFIER, octetString(encodeEcPrivateKey(scalar, point)));
}

export interface DecodedPrivateKey {
  readonly scalar: Uint8Array;
  /** Present when the encoding carried the public point; must match the scalar. */
  readonly point?: Uint8Array;
}

export function decodeEcPrivateKey(der: Uint8Array, requireSm2Parameters = false): DecodedPrivateKey {
  const reader = DerReader.fromBytes(der, 'ECPrivateKey');
  if (reader.integer('version') !== 1n) throw new DerError('ECPrivateKey version must be 1');
  const scalar = reader.octetString('privateKey');
  const parameters = reader.optional(contextConstructed(0));
  if (parameters) {
    const curve = new DerReader(parameters, 'parameters', contextConstructed(0));
    const curveOid = oidValue(curve.next(Tag.OID));
    curve.end();
    if (curveOid !== Oid.sm2) throw new DerError(`ECPrivateKey is on curve ${excerpt(curveOid)}, not SM2`);
  } else if (requireSm2Parameters) {
    throw new DerError('SEC1 key without curve parameters');
  }
  const publicKey = reader.optional(contextConstructed(1));
  let point: Uint8Array | undefined;
  if (publicKey) {
    const inner = new DerReader(publicKey, 'publicKey', contextConstructed(1));
    point = octetAlignedBits(inner.next(Tag.BIT_STRING));
    inner.end();
  }
  reader.end();
  return { scalar, point };
}

export function decodePkcs8(der: Uint8Array): DecodedPrivateKey {
  const reader = DerReader.fromBytes(der, 'PrivateKeyInfo');
  const version = reader.integer('version');
  if (version !== 0n && version !== 1n) throw new DerError('unsupported PrivateKeyInfo version');
  readSm2Algorithm(reader);
  const inner = decodeEcPrivateKey(reader.octetString('privateKey'));
  // Attributes [0] and the OneAsymmetricKey public key [1] carry nothing we need.
  reader.optional(contextConstructed(0));
  reader.optional(0x81);
  reader.end();
  return inner;
}
