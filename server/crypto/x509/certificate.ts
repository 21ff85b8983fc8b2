// X.509 v3 certificates with SM2 keys signed with SM2-with-SM3 (RFC 5280,
// GM/T 0015): parsing and signature checking. Issuing is in certificate-issue.ts.
import { toPem } from '../der/pem.ts';
import { DerReader } from '../der/reader.ts';
import { contextConstructed, DerError, Tag } from '../der/tags.ts';
import { Sm2PublicKey } from '../sm2/keys.ts';
import { cachedSm2Verify } from './verification-cache.ts';
import { readSpkiFields } from '../sm2/key-encoding.ts';
import { readSignatureAlgorithm } from './algorithm.ts';
import { readSigned } from './signed.ts';
import { decodeExtensions, type CertificateExtensions } from './extensions.ts';
import { decodeName, type ParsedName } from './name.ts';
import { Oid } from '../oids.ts';

export interface Certificate {
  readonly der: Uint8Array;
  /** The signed part, exactly as encoded in der. */
  readonly tbsDer: Uint8Array;
  readonly version: number;
  readonly serialNumber: bigint;
  readonly signatureAlgorithm: string;
  readonly issuer: ParsedName;
  readonly subject: ParsedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: Sm2PublicKey;
  readonly extensions: CertificateExtensions;
  readonly signature: Uint8Array;
}

export function parseCertificate(input: Uint8Array | string): Certificate {
  const { der, tbsElement, signatureAlgorithm, signature } = readSigned(input, {
    pemLabel: 'CERTIFICATE',
    name: 'Certificate',
    tbsField: 'tbsCertificate',
  });

  const tbs = new DerReader(tbsElement, 'TBSCertificate');
  const versionElement = tbs.optional(contextConstructed(0));
  let version = 1;
  if (versionElement) {
    const versionReader = new DerReader(versionElement, 'version', contextConstructed(0));
    version = versionReader.smallInteger('version') + 1;
    versionReader.end();
    // v1 is the DEFAULT, so DER omits it; there is no version beyond v3.
    if (version !== 2 && version !== 3) throw new DerError(`certificate version field holds ${version - 1}, not v2 (1) or v3 (2)`);
  }
  const serialNumber = tbs.integer('serialNumber');
  const innerAlgorithm = readSignatureAlgorithm(tbs, 'signature');
  // RFC 5280 4.1.1.2: the two algorithm fields must agree.
  if (innerAlgorithm !== signatureAlgorithm) throw new DerError('signature algorithm mismatch inside certificate');
  const issuer = decodeName(tbs.next(Tag.SEQUENCE, 'issuer'));
  const validity = tbs.sequence('validity');
  const notBefore = validity.x509Time('notBefore');
  const notAfter = validity.x509Time('notAfter');
  validity.end();
  const subject = decodeName(tbs.next(Tag.SEQUENCE, 'subject'));
  const publicKey = Sm2PublicKey.fromPoint(readSpkiFields(tbs.sequence('subjectPublicKeyInfo')));
  tbs.optional(0x81); // issuerUniqueID
  tbs.optional(0x82); // subjectUniqueID
  const extensionsElement = tbs.optional(contextConstructed(3));
  tbs.end();
  if (extensionsElement && version !== 3) throw new DerError('extensions require a v3 certificate');
  return {
    der,
    tbsDer: tbsElement.raw,
    version,
    serialNumber,
    signatureAlgorithm,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    extensions: decodeExtensions(extensionsElement),
    signature,
  };
}

export function certificateToPem(certificate: Certificate | Uint8Array): string {
  return toPem('CERTIFICATE', certificate instanceof Uint8Array ? certificate : certificate.der);
}

/** True when issuerKey made the certificate's SM2-with-SM3 signature (default ID per GM/T 0015). */
export function verifyCertificateSignature(certificate: Certificate, issuerKey: Sm2PublicKey, signatureId?: Uint8Array | string): boolean {
  if (certificate.signatureAlgorithm !== Oid.sm2WithSm3) return false;
  return cachedSm2Verify(issuerKey, certificate.tbsDer, certificate.signature, signatureId);
}
