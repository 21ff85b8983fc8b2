// Certification path validation for the small PKI this archive runs (RFC 5280
// section 6, reduced to what it uses): names chain by exact DER, every
// signature is SM2-with-SM3, every certificate is within its validity at the
// chosen time, issuers are CAs allowed to sign certificates within their path
// length, and no certificate is on a CRL its issuer signed.
import { bytesEqual } from '../bytes.ts';
import { verifyCertificateSignature, type Certificate } from './certificate.ts';
import { findRevocation, verifyCrlSignature, type CertificateRevocationList } from './crl.ts';
import type { KeyUsage } from './extensions.ts';
import { formatName } from './name.ts';

export type ChainFailure =
  | 'untrustedIssuer'
  | 'badSignature'
  | 'notYetValid'
  | 'expired'
  | 'notCa'
  | 'pathLength'
  | 'keyUsage'
  | 'unknownCriticalExtension'
  | 'crlInvalid'
  | 'revocationUnknown'
  | 'revoked';

export interface ChainOptions {
  readonly trustedRoots: readonly Certificate[];
  readonly intermediates?: readonly Certificate[];
  readonly crls?: readonly CertificateRevocationList[];
  /** Instant at which every certificate must be valid; defaults to now. */
  readonly at?: Date;
  /** A key usage the end-entity certificate must allow when it has the extension. */
  readonly requiredKeyUsage?: KeyUsage;
  /** Fail when some non-root certificate has no CRL from its issuer. */
  readonly requireRevocationInfo?: boolean;
  /** SM2 ID the certificates and CRLs were signed with; GM/T 0015 default when absent. */
  readonly signatureId?: Uint8Array | string;
}

export type ChainResult =
  { readonly ok: true; readonly chain: readonly Certificate[] } | { readonly ok: false; readonly failure: ChainFailure; readonly detail: string };

const MAX_DEPTH = 8;

const fail = (failure: ChainFailure, detail: string): ChainResult => ({ ok: false, failure, detail });
const describe = (c: Certificate): string => formatName(c.subject.entries);

function findIssuer(
  child: Certificate,
  candidates: readonly Certificate[],
  signatureId: ChainOptions['signatureId'],
): Certificate | 'badSignature' | undefined {
  const named = candidates.filter((c) => bytesEqual(c.subject.der, child.issuer.der));
  if (named.length === 0) return undefined;
  return named.find((c) => verifyCertificateSignature(child, c.publicKey, signatureId)) ?? 'badSignature';
}

function buildPath(leaf: Certificate, options: ChainOptions): Certificate[] | ChainResult {
  const path = [leaf];
  for (let current = leaf; path.length <= MAX_DEPTH;) {
    if (options.trustedRoots.some((root) => bytesEqual(root.der, current.der))) return path;
    const root = findIssuer(current, options.trustedRoots, options.signatureId);
    if (root && root !== 'badSignature') return [...path, root];
    const next = findIssuer(current, options.intermediates ?? [], options.signatureId);
    if (next === 'badSignature' || (next === undefined && root === 'badSignature')) {
      return fail('badSignature', `signature on ${describe(current)} does not verify under its issuer's key`);
    }
    if (!next) return fail('untrustedIssuer', `no trusted issuer for ${describe(current)}`);
    if (path.includes(next)) return fail('untrustedIssuer', 'certificate loop');
    path.push(next);
    current = next;
  }
  return fail('untrustedIssuer', 'certification path too long');
}

function checkCertificate(certificate: Certificate, at: Date): ChainResult | undefined {
  if (at < certificate.notBefore) return fail('notYetValid', `${describe(certificate)} is not valid before ${certificate.notBefore.toISOString()}`);
  if (at > certificate.notAfter) return fail('expired', `${describe(certificate)} expired ${certificate.notAfter.toISOString()}`);
  if (certificate.extensions.unknownCritical.length) {
    return fail('unknownCriticalExtension', `${describe(certificate)} has critical ${certificate.extensions.unknownCritical.join(', ')}`);
  }
  return undefined;
}

function checkIssuerRole(issuer: Certificate, caCertificatesBelow: number): ChainResult | undefined {
  const constraints = issuer.extensions.basicConstraints;
  if (!constraints?.ca) return fail('notCa', `${describe(issuer)} is not a CA`);
  if (issuer.extensions.keyUsage && !issuer.extensions.keyUsage.includes('keyCertSign')) {
    return fail('keyUsage', `${describe(issuer)} may not sign certificates`);
  }
  if (constraints.pathLength !== undefined && caCertificatesBelow > constraints.pathLength) {
    return fail('pathLength', `${describe(issuer)} allows ${constraints.pathLength} intermediate CA(s)`);
  }
  return undefined;
}

function checkRevocation(subject: Certificate, issuer: Certificate, options: ChainOptions): ChainResult | undefined {
  const crls = (options.crls ?? []).filter((crl) => bytesEqual(crl.issuer.der, issuer.subject.der));
  for (const crl of crls) {
    if (!verifyCrlSignature(crl, issuer.publicKey, options.signatureId)) return fail('crlInvalid', `CRL of ${describe(issuer)} has a bad signature`);
    if (issuer.extensions.keyUsage && !issuer.extensions.keyUsage.includes('cRLSign')) {
      return fail('crlInvalid', `${describe(issuer)} may not sign CRLs`);
    }
    const entry = findRevocation(crl, subject.serialNumber);
    // Any listed certificate is refused, whatever the revocation date: without
    // a trusted timestamp a signing time is only the signer's own claim.
    if (entry)
      return fail('revoked', `${describe(subject)} revoked ${entry.revocationDate.toISOString()}${entry.reason ? ` (${entry.reason})` : ''}`);
  }
  if (crls.length === 0 && options.requireRevocationInfo) {
    return fail('revocationUnknown', `no CRL from ${describe(issuer)}`);
  }
  return undefined;
}

export function verifyCertificateChain(leaf: Certificate, options: ChainOptions): ChainResult {
  const at = options.at ?? new Date();
  const built = buildPath(leaf, options);
  if (!Array.isArray(built)) return built;
  const path = built;
  for (const certificate of path) {
    const problem = checkCertificate(certificate, at);
    if (problem) return problem;
  }
  const leafUsages = leaf.extensions.keyUsage;
  if (options.requiredKeyUsage && leafUsages && !leafUsages.includes(options.requiredKeyUsage)) {
    return fail('keyUsage', `${describe(leaf)} does not allow ${options.requiredKeyUsage}`);
  }
  // Each certificate after the leaf issued the one before it.
  let subject: Certificate | undefined;
  for (const [i, issuer] of path.entries()) {
    if (subject) {
      const problem = checkIssuerRole(issuer, i - 1) ?? checkRevocation(subject, issuer, options);
      if (problem) return problem;
    }
    subject = issuer;
  }
  return { ok: true, chain: path };
}
