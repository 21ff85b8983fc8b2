import { X509Certificate } from 'node:crypto';
import {
  bytesEqual,
  type Certificate,
  type CertificateRevocationList,
  formatName,
  parseCertificate,
  parseCrl,
  verifyCertificateChain,
  verifyCertificateSignature,
  verifyCrlSignature,
} from '../../crypto/index.ts';
import type { BagReader } from './bagit.ts';
import { failed, type PackageCheck, passed } from './package-check.ts';
import { type PackageIndex, sha256Fingerprint } from './package-index.ts';

/** The package's own trust anchor and revocation lists, as far as they check out. */
export interface PackageTrust {
  root: Certificate | null;
  rootFacts: { subject: string; fingerprint: string } | null;
  crls: Map<number, CertificateRevocationList>;
}

export type TrustOptions = { trustedRoots: Certificate[]; crls: CertificateRevocationList[] };

/**
 * The trust to check a signature or certificate relied on at `at` with: the root and the revocation
 * list the package says was in force then, or why there is none. The claim is checked against the
 * lists packaged: the one named must have been issued by then, and no later one packaged may have
 * been issued a whole second before (CRL times are whole seconds; the archive compares milliseconds).
 */
export function trustWith(trust: PackageTrust, crlNumber: number | null, at: Date): TrustOptions | string {
  if (!trust.root) return 'the package has no usable root certificate';
  const crl = crlNumber === null ? null : trust.crls.get(crlNumber);
  if (crl === undefined) return `the revocation list no. ${crlNumber} it relies on is missing or unreadable`;
  if (crl && crl.thisUpdate > at) return `the revocation list no. ${crlNumber} was issued after ${at.toISOString()}`;
  for (const [number, later] of trust.crls) {
    if ((crlNumber === null || number > crlNumber) && later.thisUpdate.getTime() + 1000 <= at.getTime()) {
      return `the revocation list no. ${number} was in force at ${at.toISOString()}, not ${crlNumber === null ? 'none' : `no. ${crlNumber}`}`;
    }
  }
  return { trustedRoots: [trust.root], crls: crl ? [crl] : [] };
}

function attempt<T>(read: () => T): T | string {
  try {
    return read();
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}

function checkRoot(bag: BagReader, file: string, checks: PackageCheck[]): Pick<PackageTrust, 'root' | 'rootFacts'> {
  const bytes = bag.read(file);
  const root = bytes ? attempt(() => parseCertificate(new Uint8Array(bytes))) : 'missing';
  if (typeof root === 'string') return (checks.push(failed('rootCertificate', file, root)), { root: null, rootFacts: null });
  const rootFacts = { subject: formatName(root.subject.entries), fingerprint: sha256Fingerprint(root.der) };
  if (!bytesEqual(root.subject.der, root.issuer.der) || !verifyCertificateSignature(root, root.publicKey) || !root.extensions.basicConstraints?.ca) {
    checks.push(failed('rootCertificate', file, `${rootFacts.subject} is not a self-signed CA certificate`));
    return { root: null, rootFacts };
  }
  checks.push(passed('rootCertificate', file, `${rootFacts.subject}, self-signed; SHA-256 fingerprint ${rootFacts.fingerprint}`));
  return { root, rootFacts };
}

function checkCrls(bag: BagReader, index: PackageIndex, root: Certificate | null, checks: PackageCheck[]): Map<number, CertificateRevocationList> {
  const crls = new Map<number, CertificateRevocationList>();
  for (const entry of index.crls) {
    const bytes = bag.read(entry.file);
    const crl = bytes ? attempt(() => parseCrl(new Uint8Array(bytes))) : 'missing';
    if (typeof crl === 'string') {
      checks.push(failed('crlSignature', entry.file, crl));
      continue;
    }
    // Kept even when it fails: a chain checked with it then fails as crlInvalid, naming it again.
    crls.set(entry.number, crl);
    const problem =
      crl.crlNumber !== BigInt(entry.number)
        ? `numbered ${crl.crlNumber ?? 'nothing'}, not ${entry.number}`
        : !root
          ? 'no usable root to check it with'
          : !bytesEqual(crl.issuer.der, root.subject.der) || !verifyCrlSignature(crl, root.publicKey)
            ? "the root's signature on it does not verify"
            : null;
    checks.push(
      problem
        ? failed('crlSignature', entry.file, problem)
        : passed('crlSignature', entry.file, `signed by the root, issued ${crl.thisUpdate.toISOString()}, ${crl.revoked.length} revoked`),
    );
  }
  return crls;
}

/** Every SM2 certificate the package names, chained to its root at the time it was relied on. */
function checkCertificates(bag: BagReader, index: PackageIndex, trust: PackageTrust, checks: PackageCheck[]): void {
  for (const entry of index.certificates) {
    const bytes = bag.read(entry.file);
    const certificate = bytes ? attempt(() => parseCertificate(new Uint8Array(bytes))) : 'missing';
    const options = trustWith(trust, entry.crl, new Date(entry.checkedAt));
    if (typeof certificate === 'string') {
      checks.push(failed('certificateChain', entry.file, certificate));
      continue;
    }
    if (typeof options === 'string') {
      checks.push(failed('certificateChain', entry.file, options));
      continue;
    }
    const chain = verifyCertificateChain(certificate, { ...options, at: new Date(entry.checkedAt) });
    const who = `${entry.role} ${formatName(certificate.subject.entries)}`;
    checks.push(
      chain.ok
        ? passed('certificateChain', entry.file, `${who}: chains to the root at ${entry.checkedAt}`)
        : failed('certificateChain', entry.file, `${who}: ${chain.failure}: ${chain.detail}`),
    );
  }
}

/** The notice's RSA side: the PDF signer's certificate under the PDF root, valid at signing, and carried in the PDF's signature. */
function checkPdfCertificates(bag: BagReader, notice: NonNullable<PackageIndex['notice']>, checks: PackageCheck[]): void {
  const read = (file: string) => {
    const bytes = bag.read(file);
    return bytes ? attempt(() => new X509Certificate(bytes)) : 'missing';
  };
  const [signer, root] = [read(notice.pdfCertificate), read(notice.pdfRoot)];
  if (typeof root === 'string' || !root.verify(root.publicKey)) {
    return void checks.push(failed('pdfCertificate', notice.pdfRoot, typeof root === 'string' ? root : 'not self-signed'));
  }
  if (typeof signer === 'string') return void checks.push(failed('pdfCertificate', notice.pdfCertificate, signer));
  const at = new Date(notice.signedAt);
  const pdf = bag.read(notice.pdf);
  const problem = !signer.checkIssued(root)
    ? 'not issued by the PDF root'
    : !signer.verify(root.publicKey)
      ? "the PDF root's signature on it does not verify"
      : at < new Date(signer.validFrom) || at > new Date(signer.validTo)
        ? `not valid at ${notice.signedAt}`
        : pdf && !pdf.toString('latin1').toLowerCase().includes(signer.raw.toString('hex'))
          ? "the notice's PDF signature does not carry this certificate"
          : null;
  checks.push(
    problem
      ? failed('pdfCertificate', notice.pdfCertificate, problem)
      : passed(
          'pdfCertificate',
          notice.pdfCertificate,
          `${signer.subject.replace(/\n/g, ', ')}: issued by the PDF root, in the notice's PAdES signature`,
        ),
  );
}

/** The root in the package, its revocation lists and every certificate; the root is trusted only as "the root in the package". */
export function checkTrust(bag: BagReader, index: PackageIndex, checks: PackageCheck[]): PackageTrust {
  const { root, rootFacts } = checkRoot(bag, index.rootCertificate, checks);
  const trust: PackageTrust = { root, rootFacts, crls: checkCrls(bag, index, root, checks) };
  checkCertificates(bag, index, trust, checks);
  if (index.notice) checkPdfCertificates(bag, index.notice, checks);
  return trust;
}
