// Verification of an electronic seal signature in the order GB/T 38540-2020
// prescribes: (1) the signature value, (2) the signer certificate is one the
// seal lists, (3) the seal itself: maker's signature, maker's certificate and
// the seal's validity period, (4) the signer certificate's validity, (5) the
// document hash. The same checks apply to GM/T 0031-2014 (v1) and version 5
// seals. Every check is run and reported; the first failing one is named.
import { bytesEqual } from '../bytes.ts';
import { DerError, excerpt } from '../der/tags.ts';
import { Oid } from '../oids.ts';
import { sm3 } from '../sm3.ts';
import type { Certificate } from '../x509/certificate.ts';
import type { ChainOptions } from '../x509/chain.ts';
import { decodeReceivedSeal, decodeReceivedSignature } from './decode-received.ts';
import { SesCheckList, type SesFailure, type SesReport } from './check-list.ts';
import { certificateFor, judgeCertificate, signatureVerifies } from './verify-parts.ts';
import { SES_CERT_DIGEST_TYPE, type SesSeal, type SesSignature, type SesVersion } from './types.ts';

export type { SesCheck, SesCheckResult, SesCheckStatus, SesFailure, SesOutcome, SesReport } from './check-list.ts';

export type SesVerification =
  | (SesReport & {
      readonly ok: true;
      readonly outcome: 'valid';
      readonly version: SesVersion;
      readonly signature: SesSignature;
      readonly signer: Certificate;
      readonly maker: Certificate;
    })
  | SesFailure;

export type SesSealVerification =
  | (SesReport & { readonly ok: true; readonly outcome: 'valid'; readonly version: SesVersion; readonly seal: SesSeal; readonly maker: Certificate })
  | SesFailure;

export interface SesVerifyOptions {
  /** The signed document, hashed with SM3; or give its digest as documentHash. */
  readonly document?: Uint8Array;
  readonly documentHash?: Uint8Array;
  /** Trust anchors, intermediates and CRLs for both certificates. */
  readonly trust: Omit<ChainOptions, 'at' | 'requiredKeyUsage'>;
  /**
   * When certificates must be valid. By default the maker's at the seal's
   * createDate and the signer's at the signing time (timeInfo).
   */
  readonly at?: Date;
}

function signerListed(seal: SesSeal, signerDer: Uint8Array): boolean {
  const list = seal.sealInfo.property.certList;
  if (list.type === 1) return list.certificates.some((der) => bytesEqual(der, signerDer));
  const digest = sm3(signerDer);
  return list.digests.some((d) => d.type.toUpperCase() === SES_CERT_DIGEST_TYPE && bytesEqual(d.value, digest));
}

/** Maker's signature over what the maker signed, maker's certificate, and `time` within the seal's validity. */
function checkSeal(
  checks: SesCheckList,
  seal: SesSeal,
  makerSignedData: Uint8Array,
  options: Pick<SesVerifyOptions, 'trust' | 'at'>,
  time: Date,
): Certificate | undefined {
  const { property } = seal.sealInfo;
  const maker = certificateFor(seal.makerCertificate, 'seal maker', checks);
  if (seal.signatureAlgorithm !== Oid.sm2WithSm3) checks.fail('sealSignature', `unsupported algorithm ${excerpt(seal.signatureAlgorithm)}`);
  else if (typeof maker === 'string') checks.fail('sealSignature', maker);
  else if (!signatureVerifies(maker, makerSignedData, seal.signedValue, checks))
    checks.fail('sealSignature', "seal maker's signature does not verify");
  else checks.pass('sealSignature', "the seal maker's signature verifies");

  if (typeof maker === 'string') checks.notRun('sealMakerCertificate', 'no readable maker certificate');
  else checks.record('sealMakerCertificate', judgeCertificate(maker, { ...options.trust, at: options.at ?? property.createDate }, 'seal maker'));

  if (property.validStart > property.validEnd) checks.fail('sealValidity', 'seal validity period is empty');
  else if (time < property.validStart || time > property.validEnd) {
    checks.fail(
      'sealValidity',
      `${time.toISOString()} is outside the seal's validity ${property.validStart.toISOString()} - ${property.validEnd.toISOString()}`,
    );
  } else checks.pass('sealValidity', `${time.toISOString()} is within the seal's validity`);
  return typeof maker === 'string' ? undefined : maker;
}

/** The decoded input, or the 'format' failure that reports why it does not decode. */
function decodeOrFormatFailure<T>(decode: () => T): { readonly parts: T } | { readonly failure: SesFailure } {
  try {
    return { parts: decode() };
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    const checks = new SesCheckList([]);
    checks.fail('format', error.message);
    return { failure: checks.failure(undefined) };
  }
}

/** Never throws for bad input: every problem is reported as a check that did not pass. */
export function verifySesSignature(der: Uint8Array, options: SesVerifyOptions): SesVerification {
  const decoded = decodeOrFormatFailure(() => decodeReceivedSignature(der));
  if ('failure' in decoded) return decoded.failure;
  const { signature, seal, version, makerSignedData, signerSignedData, tolerated } = decoded.parts;
  const checks = new SesCheckList(tolerated);

  // 1. Signature value over TBS_Sign with the signer certificate's key.
  const signer = certificateFor(signature.signerCertificate, 'signer', checks);
  if (signature.signatureAlgorithm !== Oid.sm2WithSm3) checks.fail('signature', `unsupported algorithm ${excerpt(signature.signatureAlgorithm)}`);
  else if (typeof signer === 'string') checks.fail('signature', signer);
  else if (!signatureVerifies(signer, signerSignedData, signature.signature, checks)) checks.fail('signature', 'signature value does not verify');
  else checks.pass('signature', 'the signature value verifies over TBS_Sign as received');

  // 2. The signer certificate must be one the seal lists.
  if (signerListed(seal, signature.signerCertificate)) checks.pass('signerCertInSeal', 'the seal lists the signer certificate');
  else checks.fail('signerCertInSeal', 'signer certificate is not listed in the seal');

  // 3. The seal: maker's signature, maker's certificate, validity period.
  const time = signature.toSign.timeInfo;
  const maker = checkSeal(checks, seal, makerSignedData, options, time);

  // 4. The signer certificate's validity.
  if (typeof signer === 'string') checks.notRun('certificateValidity', 'no readable signer certificate');
  else checks.record('certificateValidity', judgeCertificate(signer, { ...options.trust, at: options.at ?? time }, 'signer'));

  // 5. The document hash.
  const expected = options.documentHash ?? (options.document ? sm3(options.document) : undefined);
  if (expected === undefined) checks.fail('documentHash', 'neither document nor documentHash given');
  else if (!bytesEqual(signature.toSign.dataHash, expected)) checks.fail('documentHash', 'document hash differs from dataHash');
  else checks.pass('documentHash', 'dataHash is the SM3 of the document');

  if (checks.allPassed() && typeof signer !== 'string' && maker)
    return { ok: true, outcome: 'valid', version, signature, signer, maker, ...checks.report() };
  return checks.failure(version);
}

/** Checks a seal on its own (before stamping with it): maker's signature and certificate, validity at `at` (default now). */
export function verifySesSeal(der: Uint8Array, options: Pick<SesVerifyOptions, 'trust' | 'at'>): SesSealVerification {
  const decoded = decodeOrFormatFailure(() => decodeReceivedSeal(der));
  if ('failure' in decoded) return decoded.failure;
  const { seal, version, makerSignedData, tolerated } = decoded.parts;
  const checks = new SesCheckList(tolerated);
  const maker = checkSeal(checks, seal, makerSignedData, options, options.at ?? new Date());
  if (checks.allPassed() && maker) return { ok: true, outcome: 'valid', version, seal, maker, ...checks.report() };
  return checks.failure(version);
}
