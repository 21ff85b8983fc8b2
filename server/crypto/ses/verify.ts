// Verification of an electronic seal signature in the order GB/T 38540-2020
// prescribes: (1) the signature value, (2) the signer certificate is one the
// seal lists, (3) the seal itself: maker's signature, maker's certificate and
// the seal's validity period, (4) the signer certificate's validity, (5) the
// document hash. The first failing check is named in the result.
import { bytesEqual } from '../bytes.ts';
import { DerError, excerpt } from '../der/tags.ts';
import { Oid } from '../oids.ts';
import { sm2Verify } from '../sm2/sign.ts';
import { sm3 } from '../sm3.ts';
import { parseCertificate, type Certificate } from '../x509/certificate.ts';
import { verifyCertificateChain, type ChainOptions } from '../x509/chain.ts';
import { decodeSealParts, decodeSignatureParts } from './decode.ts';
import { SES_CERT_DIGEST_TYPE, SES_HEADER_ID, SES_VERSION, type SesSeal, type SesSignature } from './types.ts';

export type SesCheck =
  'format' | 'signature' | 'signerCertInSeal' | 'sealSignature' | 'sealMakerCertificate' | 'sealValidity' | 'certificateValidity' | 'documentHash';

export type SesVerification =
  | { readonly ok: true; readonly signature: SesSignature; readonly signer: Certificate; readonly maker: Certificate }
  | { readonly ok: false; readonly failedCheck: SesCheck; readonly reason: string };

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

class CheckFailed extends Error {
  constructor(
    readonly check: SesCheck,
    reason: string,
  ) {
    super(reason);
  }
}

function check(condition: boolean, failed: SesCheck, reason: string): void {
  if (!condition) throw new CheckFailed(failed, reason);
}

function certificateFor(der: Uint8Array, failed: SesCheck, role: string): Certificate {
  try {
    return parseCertificate(der);
  } catch (error) {
    throw new CheckFailed(failed, `${role} certificate unreadable: ${(error as Error).message}`);
  }
}

function signerListed(seal: SesSeal, signerDer: Uint8Array): boolean {
  const list = seal.sealInfo.property.certList;
  if (list.type === 1) return list.certificates.some((der) => bytesEqual(der, signerDer));
  const digest = sm3(signerDer);
  return list.digests.some((d) => d.type.toUpperCase() === SES_CERT_DIGEST_TYPE && bytesEqual(d.value, digest));
}

function chainCheck(certificate: Certificate, failed: SesCheck, options: ChainOptions, role: string): void {
  const result = verifyCertificateChain(certificate, options);
  if (!result.ok) throw new CheckFailed(failed, `${role} certificate: ${result.failure}: ${result.detail}`);
}

function checkHeader(seal: SesSeal): void {
  const { header } = seal.sealInfo;
  check(header.id === SES_HEADER_ID && header.version === SES_VERSION, 'format', `unsupported seal header ${excerpt(header.id)} v${header.version}`);
}

/** Maker's signature over SES_SealInfo, maker's certificate, and `time` within the seal's validity. */
function checkSeal(seal: SesSeal, sealInfoDer: Uint8Array, options: Pick<SesVerifyOptions, 'trust' | 'at'>, time: Date): Certificate {
  const { property } = seal.sealInfo;
  check(seal.signatureAlgorithm === Oid.sm2WithSm3, 'sealSignature', `unsupported algorithm ${excerpt(seal.signatureAlgorithm)}`);
  const maker = certificateFor(seal.makerCertificate, 'sealSignature', 'seal maker');
  check(sm2Verify(maker.publicKey, sealInfoDer, seal.signedValue), 'sealSignature', "seal maker's signature does not verify");
  const makerOptions = { ...options.trust, at: options.at ?? property.createDate, requiredKeyUsage: 'digitalSignature' as const };
  chainCheck(maker, 'sealMakerCertificate', makerOptions, 'seal maker');
  check(property.validStart <= property.validEnd, 'sealValidity', 'seal validity period is empty');
  check(
    time >= property.validStart && time <= property.validEnd,
    'sealValidity',
    `${time.toISOString()} is outside the seal's validity ${property.validStart.toISOString()} - ${property.validEnd.toISOString()}`,
  );
  return maker;
}

function decodeOrFormatError<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof DerError) throw new CheckFailed('format', error.message);
    throw error;
  }
}

function runChecks(der: Uint8Array, options: SesVerifyOptions): SesVerification {
  const { signature, seal, sealInfoDer, tbsSignDer } = decodeOrFormatError(() => decodeSignatureParts(der));
  const { header } = seal.sealInfo;
  checkHeader(seal);
  check(signature.toSign.version === header.version, 'format', 'TBS_Sign version differs from the seal version');

  // 1. Signature value over TBS_Sign with the signer certificate's key.
  check(signature.signatureAlgorithm === Oid.sm2WithSm3, 'signature', `unsupported algorithm ${excerpt(signature.signatureAlgorithm)}`);
  const signer = certificateFor(signature.signerCertificate, 'signature', 'signer');
  check(sm2Verify(signer.publicKey, tbsSignDer, signature.signature), 'signature', 'signature value does not verify');

  // 2. The signer certificate must be one the seal lists.
  check(signerListed(seal, signature.signerCertificate), 'signerCertInSeal', 'signer certificate is not listed in the seal');

  // 3. The seal: maker's signature, maker's certificate, validity period.
  const time = signature.toSign.timeInfo;
  const maker = checkSeal(seal, sealInfoDer, options, time);

  // 4. The signer certificate's validity.
  chainCheck(signer, 'certificateValidity', { ...options.trust, at: options.at ?? time, requiredKeyUsage: 'digitalSignature' }, 'signer');

  // 5. The document hash.
  const expected = options.documentHash ?? (options.document ? sm3(options.document) : undefined);
  check(expected !== undefined, 'documentHash', 'neither document nor documentHash given');
  check(bytesEqual(signature.toSign.dataHash, expected as Uint8Array), 'documentHash', 'document hash differs from dataHash');
  return { ok: true, signature, signer, maker };
}

function reportFailure<T>(run: () => T): T | { ok: false; failedCheck: SesCheck; reason: string } {
  try {
    return run();
  } catch (error) {
    if (error instanceof CheckFailed) return { ok: false, failedCheck: error.check, reason: error.message };
    throw error;
  }
}

/** Never throws for bad input: every problem is reported as the failed check. */
export function verifySesSignature(der: Uint8Array, options: SesVerifyOptions): SesVerification {
  return reportFailure(() => runChecks(der, options));
}

export type SesSealVerification =
  | { readonly ok: true; readonly seal: SesSeal; readonly maker: Certificate }
  | { readonly ok: false; readonly failedCheck: SesCheck; readonly reason: string };

/** Checks a seal on its own (before stamping with it): maker's signature and certificate, validity at `at` (default now). */
export function verifySesSeal(der: Uint8Array, options: Pick<SesVerifyOptions, 'trust' | 'at'>): SesSealVerification {
  return reportFailure(() => {
    const { seal, sealInfoDer } = decodeOrFormatError(() => decodeSealParts(der));
    checkHeader(seal);
    const maker = checkSeal(seal, sealInfoDer, options, options.at ?? new Date());
    return { ok: true as const, seal, maker };
  });
}
