// The pieces each seal check is made of: reading a certificate, checking an
// SM2 signature value as producers encode it, and judging a certificate with
// "untrusted" kept apart from "wrong".
import { DerError } from '../der/tags.ts';
import { decodeSm2Signature, sm2SignatureFromRaw } from '../sm2/signature-encoding.ts';
import { sm2Verify } from '../sm2/sign.ts';
import { parseCertificate, type Certificate } from '../x509/certificate.ts';
import { verifyCertificateChain, type ChainOptions } from '../x509/chain.ts';
import type { SesCheckList, SesCheckStatus } from './check-list.ts';

/** The certificate, or why it cannot be read; what was read leniently is noted in `checks`. */
export function certificateFor(der: Uint8Array, role: string, checks: SesCheckList): Certificate | string {
  try {
    const certificate = parseCertificate(der);
    for (const note of [...(certificate.subject.tolerated ?? []), ...(certificate.issuer.tolerated ?? [])])
      checks.tolerate(`${role} certificate: ${note}`);
    return certificate;
  } catch (error) {
    return `${role} certificate unreadable: ${(error as Error).message}`;
  }
}

const RAW_SIGNATURE_LENGTH = 64;

function isDerSignature(value: Uint8Array): boolean {
  try {
    decodeSm2Signature(value);
    return true;
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
}

/**
 * SM2-with-SM3 (default ID) over `signedData`, the bytes as received. The value is DER
 * (GB/T 35276); some seal systems write the 64 octets r || s instead, which is accepted and noted.
 */
export function signatureVerifies(certificate: Certificate, signedData: Uint8Array, value: Uint8Array, checks: SesCheckList): boolean {
  if (isDerSignature(value) || value.length !== RAW_SIGNATURE_LENGTH) return sm2Verify(certificate.publicKey, signedData, value);
  let der: Uint8Array;
  try {
    der = sm2SignatureFromRaw(value);
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
  checks.tolerate('SM2 signature value as 64 octets r || s instead of DER');
  return sm2Verify(certificate.publicKey, signedData, der);
}

/**
 * The certificate's chain at `options.at`. When no trusted issuer is found, the certificate is
 * judged on its own (validity at that time, key usage, critical extensions, as if it were a trusted
 * root): fine on its own is 'untrusted', otherwise 'failed'. Revocation needs the issuer, so an
 * untrusted certificate's revocation is unknown.
 */
export function judgeCertificate(
  certificate: Certificate,
  options: ChainOptions,
  role: string,
): { readonly status: SesCheckStatus; readonly detail: string } {
  const chainOptions = { ...options, requiredKeyUsage: 'digitalSignature' as const };
  const chain = verifyCertificateChain(certificate, chainOptions);
  if (chain.ok)
    return { status: 'passed', detail: `${role} certificate chains to a trusted root and is valid at ${(options.at ?? new Date()).toISOString()}` };
  const detail = `${role} certificate: ${chain.failure}: ${chain.detail}`;
  if (chain.failure !== 'untrustedIssuer') return { status: 'failed', detail };
  const alone = verifyCertificateChain(certificate, { ...chainOptions, trustedRoots: [certificate], intermediates: [] });
  if (alone.ok) return { status: 'untrusted', detail };
  return { status: 'failed', detail: `${detail}; on its own: ${alone.failure}: ${alone.detail}` };
}
