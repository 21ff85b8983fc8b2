// X.509 v2 certificate revocation lists (RFC 5280 section 5) signed with
// SM2-with-SM3: parsing and signature checking. Issuing is in crl-issue.ts.
import { toPem } from '../der/pem.ts';
import { decodeDer } from '../der/decode.ts';
import { DerReader } from '../der/reader.ts';
import { contextConstructed, DerError, excerpt, Tag } from '../der/tags.ts';
import { expectTag, integerValue } from '../der/values.ts';
import { Oid } from '../oids.ts';
import type { Sm2PublicKey } from '../sm2/keys.ts';
import { cachedSm2Verify } from './verification-cache.ts';
import { readSignatureAlgorithm } from './algorithm.ts';
import { readSigned } from './signed.ts';
import { decodeAuthorityKeyId, readExtension } from './extensions.ts';
import { decodeName, type ParsedName } from './name.ts';

/** RFC 5280 5.3.1 CRLReason codes (7 is unused). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

export interface RevokedCertificate {
  readonly serialNumber: bigint;
  readonly revocationDate: Date;
  readonly reason?: RevocationReason;
}

export interface CertificateRevocationList {
  readonly der: Uint8Array;
  readonly tbsDer: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly issuer: ParsedName;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly revoked: readonly RevokedCertificate[];
  readonly crlNumber?: bigint;
  readonly authorityKeyIdentifier?: Uint8Array;
  readonly signature: Uint8Array;
}

function readEntry(reader: DerReader): RevokedCertificate {
  const serialNumber = reader.integer('userCertificate');
  const revocationDate = reader.x509Time('revocationDate');
  let reason: RevocationReason | undefined;
  if (reader.hasMore()) {
    const extensions = reader.sequence('crlEntryExtensions');
    while (extensions.hasMore()) {
      const { oid: extensionOid, critical, value } = readExtension(extensions);
      if (extensionOid === Oid.crlReason) {
        const code = Number(integerValue(expectTag(decodeDer(value), Tag.ENUMERATED, 'CRLReason')));
        reason = (Object.keys(REVOCATION_REASONS) as RevocationReason[]).find((key) => REVOCATION_REASONS[key] === code);
      } else if (critical) {
        throw new DerError(`unsupported critical CRL entry extension ${excerpt(extensionOid)}`);
      }
    }
  }
  reader.end();
  return { serialNumber, revocationDate, reason };
}

function readCrlExtensions(element: ReturnType<DerReader['next']>): { crlNumber?: bigint; authorityKeyIdentifier?: Uint8Array } {
  const wrapper = new DerReader(element, 'crlExtensions', contextConstructed(0));
  const list = wrapper.sequence('Extensions');
  wrapper.end();
  const result: { crlNumber?: bigint; authorityKeyIdentifier?: Uint8Array } = {};
  while (list.hasMore()) {
    const { oid: extensionOid, critical, value } = readExtension(list);
    if (extensionOid === Oid.crlNumber) result.crlNumber = integerValue(expectTag(decodeDer(value), Tag.INTEGER, 'CRLNumber'));
    else if (extensionOid === Oid.authorityKeyIdentifier) result.authorityKeyIdentifier = decodeAuthorityKeyId(value);
    else if (critical) throw new DerError(`unsupported critical CRL extension ${excerpt(extensionOid)}`);
  }
  return result;
}

export function parseCrl(input: Uint8Array | string): CertificateRevocationList {
  const { der, tbsElement, signatureAlgorithm, signature } = readSigned(input, {
    pemLabel: 'X509 CRL',
    name: 'CertificateList',
    tbsField: 'tbsCertList',
  });

  const tbs = new DerReader(tbsElement, 'TBSCertList');
  if (tbs.integer('version') !== 1n) throw new DerError('only v2 CRLs are supported');
  if (readSignatureAlgorithm(tbs, 'signature') !== signatureAlgorithm) throw new DerError('signature algorithm mismatch inside CRL');
  const issuer = decodeName(tbs.next(Tag.SEQUENCE, 'issuer'));
  const thisUpdate = tbs.x509Time('thisUpdate');
  const nextUpdate = tbs.peekTag() === Tag.UTC_TIME || tbs.peekTag() === Tag.GENERALIZED_TIME ? tbs.x509Time('nextUpdate') : undefined;
  const revoked: RevokedCertificate[] = [];
  if (tbs.peekTag() === Tag.SEQUENCE) {
    const list = tbs.sequence('revokedCertificates');
    while (list.hasMore()) revoked.push(readEntry(list.sequence('revokedCertificate')));
  }
  const extensionsElement = tbs.optional(contextConstructed(0));
  tbs.end();
  const extensions = extensionsElement ? readCrlExtensions(extensionsElement) : {};
  return { der, tbsDer: tbsElement.raw, signatureAlgorithm, issuer, thisUpdate, nextUpdate, revoked, ...extensions, signature };
}

export function crlToPem(crl: CertificateRevocationList): string {
  return toPem('X509 CRL', crl.der);
}

export function verifyCrlSignature(crl: CertificateRevocationList, issuerKey: Sm2PublicKey, signatureId?: Uint8Array | string): boolean {
  if (crl.signatureAlgorithm !== Oid.sm2WithSm3) return false;
  return cachedSm2Verify(issuerKey, crl.tbsDer, crl.signature, signatureId);
}

export function findRevocation(crl: CertificateRevocationList, serialNumber: bigint): RevokedCertificate | undefined {
  return crl.revoked.find((entry) => entry.serialNumber === serialNumber);
}
