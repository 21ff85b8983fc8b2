// Issues SM2 certificates: self-signed roots, intermediates and end entities.
import { randomBytes } from 'node:crypto';
import { bytesToBigint } from '../bytes.ts';
import { bitString, explicit, integer, sequence, x509Time } from '../der/encode.ts';
import { encodeSpki } from '../sm2/key-encoding.ts';
import type { Sm2PrivateKey, Sm2PublicKey } from '../sm2/keys.ts';
import { sm2Sign } from '../sm2/sign.ts';
import { SM2_WITH_SM3_ALGORITHM } from './algorithm.ts';
import { parseCertificate, type Certificate } from './certificate.ts';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  encodeExtensions,
  extendedKeyUsageExtension,
  keyIdentifier,
  keyUsageExtension,
  subjectKeyIdentifierExtension,
  type KeyUsage,
} from './extensions.ts';
import { encodeName, type DistinguishedName } from './name.ts';

export interface CertificateRequest {
  readonly subject: DistinguishedName;
  readonly publicKey: Sm2PublicKey;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Positive, at most 20 octets (RFC 5280 4.1.2.2); random 128-bit by default. */
  readonly serialNumber?: bigint;
  /** Makes a CA certificate; pathLength limits the intermediates below it. */
  readonly ca?: { readonly pathLength?: number };
  /** Defaults: CA keyCertSign + cRLSign; end entity digitalSignature + nonRepudiation. */
  readonly keyUsage?: readonly KeyUsage[];
  readonly extendedKeyUsage?: readonly string[];
}

export interface CertificateIssuer {
  /** Absent for a self-signed root. */
  readonly certificate?: Certificate;
  readonly privateKey: Sm2PrivateKey;
  /**
   * SM2 ID for the certificate signature. GM/T 0015 uses the default
   * "1234567812345678"; OpenSSL 3.0 signs and checks certificates with an empty
   * ID, so '' yields certificates its `verify` command accepts in a full chain.
   */
  readonly signatureId?: Uint8Array | string;
}

function randomSerial(): bigint {
  // Of 16 random octets, clear the top bit so the INTEGER stays positive within
  // 16 octets, and set the first octet's lowest bit so it never shrinks.
  const value = bytesToBigint(randomBytes(16));
  return (value & ((1n << 127n) - 1n)) | (1n << 120n);
}

export function issueCertificate(request: CertificateRequest, issuer: CertificateIssuer): Certificate {
  const serialNumber = request.serialNumber ?? randomSerial();
  if (serialNumber <= 0n || serialNumber >= 1n << 159n) throw new RangeError('serial number must be positive and at most 20 octets');
  if (request.notAfter.getTime() < request.notBefore.getTime()) throw new RangeError('notAfter before notBefore');
  const selfSigned = issuer.certificate === undefined;
  if (selfSigned && !issuer.privateKey.publicKey.equals(request.publicKey)) {
    throw new Error('a self-signed certificate must be signed by the subject key');
  }
  const issuerName = issuer.certificate ? issuer.certificate.subject.der : encodeName(request.subject);
  const issuerKeyId = issuer.certificate?.extensions.subjectKeyIdentifier ?? keyIdentifier(issuer.privateKey.publicKey.point);
  const usages = request.keyUsage ?? (request.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature', 'nonRepudiation']);
  const extensions = [
    basicConstraintsExtension(request.ca !== undefined, request.ca?.pathLength),
    keyUsageExtension(usages),
    subjectKeyIdentifierExtension(keyIdentifier(request.publicKey.point)),
    authorityKeyIdentifierExtension(issuerKeyId),
    ...(request.extendedKeyUsage?.length ? [extendedKeyUsageExtension(request.extendedKeyUsage)] : []),
  ];
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serialNumber),
    SM2_WITH_SM3_ALGORITHM,
    issuerName,
    sequence(x509Time(request.notBefore), x509Time(request.notAfter)),
    encodeName(request.subject),
    encodeSpki(request.publicKey.point),
    encodeExtensions(extensions, 3),
  );
  const signature = sm2Sign(issuer.privateKey, tbs, { id: issuer.signatureId });
  return parseCertificate(sequence(tbs, SM2_WITH_SM3_ALGORITHM, bitString(signature)));
}
