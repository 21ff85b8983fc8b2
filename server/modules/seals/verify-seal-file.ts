import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import {
  decodeReceivedSesSeal,
  decodeReceivedSesSignature,
  formatName,
  parseCertificate,
  SES_VERSION_NAMES,
  sm3,
  toHex,
  verifySesSeal,
  verifySesSignature,
  type SesSealVerification,
  type SesVerification,
} from '../../crypto/index.ts';
import { isOfdPackage } from '../../crypto/ofd/index.ts';
import { findNoticeByFile } from '../notices/notices.repo.ts';
import { reportOfdFile } from '../notices/ofd-file-report.ts';
import { verifyNoticeSes } from '../notices/verify-notice.ts';
import { authorityRoot } from './seal-authority.ts';

/** What `hukou verify-seal FILE` found: the kind of file, what it says, and each check. */
export interface SealFileReport {
  kind: 'seal' | 'signature' | 'notice' | 'ofd' | 'unknown';
  facts: [string, string][];
  /**
   * `signature`: the OFD signature a check belongs to (its ID in Signatures.xml); `untrusted`: the
   * certificate is fine on its own but does not chain to a root this archive trusts.
   */
  checks: { name: string; ok: boolean; detail: string; signature?: string; untrusted?: true }[];
  outcome: 'valid' | 'validExceptTrust' | 'invalid';
  /** Every check passed. */
  valid: boolean;
  /** Every check passed but trust: the seal's maker or the signer does not chain to a root this archive trusts. */
  validExceptTrust: boolean;
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

function tryDecode<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch {
    return null;
  }
}

const OUTCOME_WORDS = {
  valid: 'valid',
  validExceptTrust:
    'valid except for trust: every signature verifies and each certificate is fine on its own, but the maker or signer certificate does not chain to a root this archive trusts',
  invalid: 'not valid',
} as const;

function report(kind: SealFileReport['kind'], facts: SealFileReport['facts'], checks: SealFileReport['checks']): SealFileReport {
  const valid = checks.length > 0 && checks.every((c) => c.ok);
  // Valid except for trust when every check that did not pass is only untrusted (GB/T 38540's rule, for OFD packages too).
  const exceptTrust = !valid && checks.every((c) => c.ok || c.untrusted === true);
  return { kind, facts, checks, outcome: valid ? 'valid' : exceptTrust ? 'validExceptTrust' : 'invalid', valid, validExceptTrust: exceptTrust };
}

/** The outcome in words, and any encoding accepted beyond DER (docs/CRYPTO.md). */
function verdictFacts(result: SesVerification | SesSealVerification): [string, string][] {
  const facts: [string, string][] = [['outcome', OUTCOME_WORDS[result.outcome]]];
  if (result.tolerated.length) facts.push(['accepted non-DER', result.tolerated.join('; ')]);
  return facts;
}

/** Every check that did not pass, the first failing one first (the standard's order). */
const checksNotPassed = (result: SesVerification | SesSealVerification): SealFileReport['checks'] =>
  result.checks
    .filter((c) => c.status !== 'passed')
    .map((c) =>
      c.status === 'untrusted'
        ? { name: c.check, ok: false, detail: `untrusted: ${c.detail}`, untrusted: true as const }
        : { name: c.check, ok: false, detail: c.detail },
    );

const subjectOf = (der: Uint8Array) => tryDecode(() => formatName(parseCertificate(der).subject.entries)) ?? '(unreadable certificate)';

/**
 * Checks a file someone brings: an SES_Seal, an SES_Signature (over `document` when given), an
 * approval notice this archive issued (found by its bytes), or any OFD package (a zip with OFD.xml):
 * each of its signatures and their checks. Trust starts from this archive's seal
 * authority; a check that fails is named with the standard's check name and the reason.
 */
export async function verifySealFile(ctx: AppContext, bytes: Uint8Array, document?: Uint8Array): Promise<SealFileReport> {
  const root = await authorityRoot(ctx.db.kysely);
  const trust = { trustedRoots: root ? [root] : [] };

  if (isOfdPackage(bytes)) {
    const { facts, checks } = await reportOfdFile(ctx, bytes);
    return report('ofd', facts, checks);
  }

  if (isPdf(bytes)) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const facts: [string, string][] = [
      ['SHA-256', sha256],
      ['SM3', toHex(sm3(bytes))],
    ];
    const notice = await findNoticeByFile(ctx.db.kysely, sha256);
    if (!notice) return report('notice', facts, [{ name: 'archived', ok: false, detail: 'no notice issued here has exactly these bytes' }]);
    facts.push(
      ['case', notice.case_no],
      ['verification code', notice.verification_code],
      ['issued by', notice.unit_name],
      ['signed at', notice.signed_at],
    );
    const ses = await verifyNoticeSes(ctx, notice.ses_signature, notice.signed_at, Buffer.from(bytes));
    return report('notice', facts, [
      { name: 'archived', ok: true, detail: 'the same bytes as the notice archived with the case' },
      { name: 'GB/T 38540 signature', ok: ses.valid, detail: ses.valid ? 'verifies over the SM3 of the file' : `${ses.failedCheck}: ${ses.reason}` },
    ]);
  }

  const received = tryDecode(() => decodeReceivedSesSignature(bytes));
  if (received) {
    const { signature } = received;
    const seal = signature.toSign.seal.sealInfo;
    const facts: [string, string][] = [
      ['version', SES_VERSION_NAMES[received.version]],
      ['seal', `${seal.property.name} (esID ${seal.esId})`],
      ['signer', subjectOf(signature.signerCertificate)],
      ['time', signature.toSign.timeInfo.toISOString()],
      ['propertyInfo', signature.toSign.propertyInfo],
      ['dataHash', toHex(signature.toSign.dataHash)],
    ];
    const documentHash = document ? sm3(document) : signature.toSign.dataHash;
    const result = verifySesSignature(bytes, { documentHash, trust });
    facts.push(...verdictFacts(result));
    const checks = result.ok
      ? [{ name: 'signature, seal and certificates', ok: true, detail: 'every check of GB/T 38540 passes' }]
      : checksNotPassed(result);
    if (!document) checks.push({ name: 'document', ok: true, detail: 'not checked: give the signed document with --document FILE' });
    else if (result.ok) checks.push({ name: 'document', ok: true, detail: 'the SM3 of the document given is the signed dataHash' });
    return report('signature', facts, checks);
  }

  const receivedSeal = tryDecode(() => decodeReceivedSesSeal(bytes));
  if (receivedSeal) {
    const { seal } = receivedSeal;
    const { property } = seal.sealInfo;
    const facts: [string, string][] = [
      ['version', SES_VERSION_NAMES[receivedSeal.version]],
      ['seal', `${property.name} (esID ${seal.sealInfo.esId}, type ${property.type})`],
      ['maker', subjectOf(seal.makerCertificate)],
      ['valid', `${property.validStart.toISOString()} – ${property.validEnd.toISOString()}`],
    ];
    const result = verifySesSeal(bytes, { trust, at: property.createDate });
    facts.push(...verdictFacts(result));
    return report(
      'seal',
      facts,
      result.ok ? [{ name: 'seal', ok: true, detail: "the maker's signature and certificate verify" }] : checksNotPassed(result),
    );
  }
  return report('unknown', [], [{ name: 'format', ok: false, detail: 'neither a PDF notice, an OFD package, an SES_Signature nor an SES_Seal' }]);
}
