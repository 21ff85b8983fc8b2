import {
  bytesEqual,
  decodeSesSeal,
  decodeReceivedSesSignature,
  encodeSesSeal,
  formatName,
  parseCertificate,
  sm2Verify,
  sm3,
  toHex,
  verifyCertificateChain,
  verifySesSignature,
  type Certificate,
  type SesSignature,
  type SesVerifyOptions,
} from '../index.ts';
import { type OFD_ZIP_LIMITS, OfdPackageError, readOfdZip } from './ofd-zip.ts';
import { OfdStructureError, readOfdSignatureList, type OfdSignatureEntry } from './ofd-signature-list.ts';

/**
 * Verifies the signatures of an OFD package (GB/T 33190-2016 §18, GB/T 38540-2020): for each
 * signature, every referenced file's SM3 against its CheckValue, the SES_Signature's dataHash
 * against the SM3 of Signature.xml as received, then the seal signature, the seal and the
 * certificates in the order GB/T 38540 prescribes. A file of the package that no signature
 * protects is reported. Pure: the bytes and the trust anchors in, a report out; never throws for
 * bad input.
 */

/** untrusted: the certificate is fine on its own but does not chain to a trusted root (GB/T 38540's 'untrusted'). */
export type OfdCheckStatus = 'passed' | 'failed' | 'untrusted' | 'not_checked';

export interface OfdCheck {
  /** package, structure, signatures, unsignedFiles; per signature: references, dataHash, the GB/T 38540 checks, sealFile. */
  readonly name: string;
  readonly status: OfdCheckStatus;
  readonly detail: string;
}

export interface OfdSignatureReport {
  readonly id: string;
  readonly type: string;
  /** Package entry of its Signature.xml. */
  readonly path: string;
  readonly provider: string | null;
  /** The SES_Signature's timeInfo (ISO) for a seal, else SignatureDateTime as written. */
  readonly signedAt: string | null;
  readonly signer: string | null;
  readonly sealName: string | null;
  readonly sealEsId: string | null;
  readonly propertyInfo: string | null;
  readonly referenceCount: number;
  /** Referenced files whose bytes no longer have the recorded SM3. */
  readonly changedFiles: readonly string[];
  /** Referenced files the package no longer has. */
  readonly missingFiles: readonly string[];
  readonly stampAnnots: readonly { pageRef: string; boundary: string }[];
  readonly checks: readonly OfdCheck[];
  readonly valid: boolean;
}

export interface OfdVerification {
  readonly valid: boolean;
  readonly checks: readonly OfdCheck[];
  readonly signatures: readonly OfdSignatureReport[];
  /** Files of the package that no signature protects (OFD.xml and the signature lists aside). */
  readonly unsignedFiles: readonly string[];
}

export interface OfdVerifyOptions {
  readonly trust: SesVerifyOptions['trust'];
  /** `Sign` signatures carry no certificate: the certificates that may have made them. */
  readonly signCertificates?: readonly Certificate[];
  readonly limits?: typeof OFD_ZIP_LIMITS;
}

export const SM3_OID = '1.2.156.10197.1.401';
export const SM2_SM3_OID = '1.2.156.10197.1.501';

const passed = (name: string, detail: string): OfdCheck => ({ name, status: 'passed', detail });
const failed = (name: string, detail: string): OfdCheck => ({ name, status: 'failed', detail });
const notChecked = (name: string, detail: string): OfdCheck => ({ name, status: 'not_checked', detail });
const untrusted = (name: string, detail: string): OfdCheck => ({ name, status: 'untrusted', detail });

function attempt<T>(run: () => T): T | null {
  try {
    return run();
  } catch {
    return null;
  }
}

const isSm3 = (method: string | null) => method !== null && (method.trim() === SM3_OID || method.trim().toLowerCase() === 'sm3');

function checkReferences(entry: OfdSignatureEntry, files: ReadonlyMap<string, Uint8Array>) {
  const changedFiles: string[] = [];
  const missingFiles: string[] = [];
  if (!isSm3(entry.checkMethod)) {
    return { check: failed('references', `CheckMethod ${entry.checkMethod ?? '(none)'} is not SM3`), changedFiles, missingFiles };
  }
  for (const reference of entry.references) {
    const bytes = files.get(reference.path);
    if (!bytes) missingFiles.push(reference.path);
    else if (!bytesEqual(sm3(bytes), reference.checkValue)) changedFiles.push(reference.path);
  }
  const problems = [
    changedFiles.length > 0 && `changed: ${changedFiles.join(', ')}`,
    missingFiles.length > 0 && `missing: ${missingFiles.join(', ')}`,
  ].filter(Boolean);
  const check =
    entry.references.length === 0
      ? failed('references', 'the signature protects no file')
      : problems.length > 0
        ? failed('references', problems.join('; '))
        : passed('references', `the SM3 of each of the ${entry.references.length} files matches its CheckValue`);
  return { check, changedFiles, missingFiles };
}

/**
 * The GB/T 38540 checks, each as the SES verifier reports it (every check is run): `untrusted` (a
 * certificate that does not chain to a trusted root) stays untrusted, and so not valid; a check it
 * could not run is not checked. Its document hash is the dataHash check above, so it is left out.
 */
function sesChecks(signedValue: Uint8Array, signatureXml: Uint8Array, trust: SesVerifyOptions['trust']): OfdCheck[] {
  const result = verifySesSignature(signedValue, { documentHash: sm3(signatureXml), trust });
  return result.checks
    .filter((check) => check.check !== 'documentHash')
    .map((check) =>
      check.status === 'passed'
        ? passed(check.check, check.detail || 'holds')
        : check.status === 'notRun'
          ? notChecked(check.check, check.detail)
          : check.status === 'untrusted'
            ? untrusted(check.check, check.detail)
            : failed(check.check, check.detail),
    );
}

type Decoded = { ses: SesSignature; problem: null } | { ses: null; problem: string };

function decodeSignedValue(bytes: Uint8Array | undefined): Decoded {
  if (!bytes) return { ses: null, problem: 'missing' };
  try {
    // Tolerant decoding: seals made elsewhere (GM/T 0031 v1, BER) are read as the SES verifier reads them.
    return { ses: decodeReceivedSesSignature(bytes).signature, problem: null };
  } catch (error) {
    return { ses: null, problem: (error as Error).message };
  }
}

function sealChecks(entry: OfdSignatureEntry, files: ReadonlyMap<string, Uint8Array>, decoded: Decoded, options: OfdVerifyOptions) {
  const { ses } = decoded;
  const signatureXml = files.get(entry.path)!;
  const signedValue = files.get(entry.signedValuePath);
  if (!signedValue) return [failed('format', `SignedValue ${entry.signedValuePath} is not in the package`)];
  if (!ses) return [failed('format', `${entry.signedValuePath} is not a GB/T 38540 SES_Signature: ${decoded.problem}`)];
  const checks: OfdCheck[] = [
    bytesEqual(ses.toSign.dataHash, sm3(signatureXml))
      ? passed('dataHash', `the SES_Signature's dataHash is the SM3 of ${entry.path}`)
      : failed('dataHash', `${entry.path} changed: its SM3 ${toHex(sm3(signatureXml))} is not the signed dataHash ${toHex(ses.toSign.dataHash)}`),
    ...sesChecks(signedValue, signatureXml, options.trust),
  ];
  if (entry.sealPath) {
    const sealFile = files.get(entry.sealPath);
    const same = sealFile && attempt(() => bytesEqual(encodeSesSeal(decodeSesSeal(sealFile)), encodeSesSeal(ses.toSign.seal)));
    checks.push(
      same
        ? passed('sealFile', `${entry.sealPath} is the seal the signature was made with`)
        : failed('sealFile', `${entry.sealPath} is not the seal in the signature`),
    );
  }
  return checks;
}

/** `Sign`: SignedValue is an SM2 signature over Signature.xml; the signer's certificate must be given. */
function signChecks(entry: OfdSignatureEntry, files: ReadonlyMap<string, Uint8Array>, options: OfdVerifyOptions) {
  const signatureXml = files.get(entry.path)!;
  const signedValue = files.get(entry.signedValuePath);
  if (!signedValue) return { checks: [failed('format', `SignedValue ${entry.signedValuePath} is not in the package`)], signer: null };
  if (entry.signatureMethod?.trim() !== SM2_SM3_OID) {
    return { checks: [failed('format', `SignatureMethod ${entry.signatureMethod ?? '(none)'} is not SM2 with SM3`)], signer: null };
  }
  const signer = (options.signCertificates ?? []).find((certificate) => sm2Verify(certificate.publicKey, signatureXml, signedValue));
  if (!signer) {
    const given = (options.signCertificates ?? []).length > 0;
    return {
      checks: [
        given
          ? failed('signature', `no certificate given verifies the signature over ${entry.path}`)
          : notChecked('signature', 'a plain signature carries no certificate: none was given to check it with'),
      ],
      signer: null,
    };
  }
  const chain = verifyCertificateChain(signer, options.trust);
  return {
    checks: [
      passed('signature', `the SM2 signature over ${entry.path} verifies`),
      chain.ok
        ? passed('certificateValidity', 'the certificate chains to a trusted root')
        : failed('certificateValidity', `${chain.failure}: ${chain.detail}`),
    ],
    signer,
  };
}

function subjectOf(der: Uint8Array): string | null {
  return attempt(() => formatName(parseCertificate(der).subject.entries));
}

function reportSignature(entry: OfdSignatureEntry, files: ReadonlyMap<string, Uint8Array>, options: OfdVerifyOptions): OfdSignatureReport {
  const references = checkReferences(entry, files);
  const isSeal = entry.type === 'Seal';
  const decoded: Decoded = isSeal ? decodeSignedValue(files.get(entry.signedValuePath)) : { ses: null, problem: 'not a seal' };
  const { ses } = decoded;
  const sign = isSeal ? null : signChecks(entry, files, options);
  const checks = [references.check, ...(sign ? sign.checks : sealChecks(entry, files, decoded, options))];
  return {
    id: entry.id,
    type: entry.type,
    path: entry.path,
    provider: entry.providerName,
    signedAt: ses ? ses.toSign.timeInfo.toISOString() : entry.signatureDateTime,
    signer: ses ? subjectOf(ses.signerCertificate) : sign?.signer ? formatName(sign.signer.subject.entries) : null,
    sealName: ses?.toSign.seal.sealInfo.property.name ?? null,
    sealEsId: ses?.toSign.seal.sealInfo.esId ?? null,
    propertyInfo: ses?.toSign.propertyInfo ?? null,
    referenceCount: entry.references.length,
    changedFiles: references.changedFiles,
    missingFiles: references.missingFiles,
    stampAnnots: entry.stampAnnots.map(({ pageRef, boundary }) => ({ pageRef, boundary })),
    checks,
    valid: checks.every((check) => check.status === 'passed'),
  };
}

/**
 * Files no signature protects. OFD.xml and the signature lists are the package's plumbing, which
 * adding a signature rewrites, so many signers leave them out (ofdrw's ContinueSign, tax invoices);
 * what they point to is judged on its own: a document or page put in their place is itself unsigned.
 */
function unsignedFilesOf(files: ReadonlyMap<string, Uint8Array>, listPaths: readonly string[], entries: readonly OfdSignatureEntry[]): string[] {
  const covered = new Set(['OFD.xml', ...listPaths]);
  for (const entry of entries) {
    covered.add(entry.path).add(entry.signedValuePath);
    for (const reference of entry.references) covered.add(reference.path);
  }
  return [...files.keys()].filter((name) => !covered.has(name)).sort();
}

export function verifyOfd(bytes: Uint8Array, options: OfdVerifyOptions): OfdVerification {
  let files: Map<string, Uint8Array>;
  try {
    files = readOfdZip(bytes, options.limits);
  } catch (error) {
    if (!(error instanceof OfdPackageError)) throw error;
    return { valid: false, checks: [failed('package', `${error.problem}: ${error.message}`)], signatures: [], unsignedFiles: [] };
  }
  const checks: OfdCheck[] = [passed('package', `a zip of ${files.size} files within the limits`)];
  let list;
  try {
    list = readOfdSignatureList(files);
  } catch (error) {
    if (!(error instanceof OfdStructureError)) throw error;
    checks.push(failed('structure', error.message));
    return { valid: false, checks, signatures: [], unsignedFiles: [] };
  }
  checks.push(passed('structure', 'OFD.xml, the signature lists and each Signature.xml read'));
  const signatures = list.signatures.map((entry) => reportSignature(entry, files, options));
  checks.push(signatures.length > 0 ? passed('signatures', `${signatures.length} signature(s)`) : failed('signatures', 'the package is not signed'));
  const unsignedFiles = unsignedFilesOf(files, list.listPaths, list.signatures);
  if (signatures.length > 0) {
    checks.push(
      unsignedFiles.length === 0
        ? passed('unsignedFiles', 'every file of the package is protected by a signature')
        : failed('unsignedFiles', `not protected by any signature: ${unsignedFiles.join(', ')}`),
    );
  }
  const valid = checks.every((check) => check.status === 'passed') && signatures.every((signature) => signature.valid);
  return { valid, checks, signatures, unsignedFiles };
}

/** An OFD package by content: a zip whose entries include OFD.xml. */
export function isOfdPackage(bytes: Uint8Array): boolean {
  return attempt(() => readOfdZip(bytes).has('OFD.xml')) ?? false;
}
