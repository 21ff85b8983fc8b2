// Issues v2 CRLs signed with SM2-with-SM3 by a CA certificate's key.
import { bitString, enumerated, explicit, integer, octetString, oid, sequence, x509Time } from '../der/encode.ts';
import { Oid } from '../oids.ts';
import type { Sm2PrivateKey } from '../sm2/keys.ts';
import { sm2Sign } from '../sm2/sign.ts';
import { SM2_WITH_SM3_ALGORITHM } from './algorithm.ts';
import type { Certificate } from './certificate.ts';
import { parseCrl, REVOCATION_REASONS, type CertificateRevocationList, type RevokedCertificate } from './crl.ts';
import { authorityKeyIdentifierExtension, crlNumberExtension, keyIdentifier } from './extensions.ts';

export interface CrlRequest {
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly crlNumber: bigint;
  readonly revoked: readonly RevokedCertificate[];
}

export interface CrlIssuer {
  readonly certificate: Certificate;
  readonly privateKey: Sm2PrivateKey;
  /** SM2 ID for the CRL signature; see CertificateIssuer.signatureId. */
  readonly signatureId?: Uint8Array | string;
}

function revokedEntry(entry: RevokedCertificate): Uint8Array {
  const reason =
    entry.reason === undefined ? [] : [sequence(sequence(oid(Oid.crlReason), octetString(enumerated(REVOCATION_REASONS[entry.reason]))))];
  return sequence(integer(entry.serialNumber), x509Time(entry.revocationDate), ...reason);
}

export function issueCrl(request: CrlRequest, issuer: CrlIssuer): CertificateRevocationList {
  if (!issuer.certificate.publicKey.equals(issuer.privateKey.publicKey)) {
    throw new Error('CRL signing key does not belong to the issuer certificate');
  }
  const issuerKeyId = issuer.certificate.extensions.subjectKeyIdentifier ?? keyIdentifier(issuer.certificate.publicKey.point);
  const tbs = sequence(
    integer(1),
    SM2_WITH_SM3_ALGORITHM,
    issuer.certificate.subject.der,
    x509Time(request.thisUpdate),
    ...(request.nextUpdate ? [x509Time(request.nextUpdate)] : []),
    // RFC 5280 5.1.2.6: the list is omitted, not empty, when nothing is revoked.
    ...(request.revoked.length ? [sequence(...request.revoked.map(revokedEntry))] : []),
    explicit(0, sequence(authorityKeyIdentifierExtension(issuerKeyId), crlNumberExtension(request.crlNumber))),
  );
  const signature = sm2Sign(issuer.privateKey, tbs, { id: issuer.signatureId });
  return parseCrl(sequence(tbs, SM2_WITH_SM3_ALGORITHM, bitString(signature)));
}
