import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import {
  decodeSesSeal,
  decodeSesSignature,
  formatName,
  parseCertificate,
  sm3,
  toHex,
  verifySesSeal,
  verifySesSignature,
} from '../../crypto/index.ts';
import { findNoticeByFile } from '../notices/notices.repo.ts';
import { verifyNoticeSes } from '../notices/verify-notice.ts';
import { authorityRoot } from './seal-authority.ts';

/** What `hukou verify-seal FILE` found: the kind of file, what it says, and each check. */
export interface SealFileReport {
  kind: 'seal' | 'signature' | 'notice' | 'unknown';
  facts: [string, string][];
  checks: { name: string; ok: boolean; detail: string }[];
  /** Every check passed. */
  valid: boolean;
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

function tryDecode<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch {
    return null;
  }
}

function report(kind: SealFileReport['kind'], facts: SealFileReport['facts'], checks: SealFileReport['checks']): SealFileReport {
  return { kind, facts, checks, valid: checks.length > 0 && checks.every((c) => c.ok) };
}

const subjectOf = (der: Uint8Array) => tryDecode(() => formatName(parseCertificate(der).subject.entries)) ?? '(unreadable certificate)';

/**
 * Checks a file someone brings: an SES_Seal, an SES_Signature (over `document` when given), or an
 * approval notice this archive issued (found by its bytes). Trust starts from this archive's seal
 * authority; a check that fails is named with the standard's check name and the reason.
 */
export async function verifySealFile(ctx: AppContext, bytes: Uint8Array, document?: Uint8Array): Promise<SealFileReport> {
  const root = await authorityRoot(ctx.db.kysely);
  const trust = { trustedRoots: root ? [root] : [] };

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

  const signature = tryDecode(() => decodeSesSignature(bytes));
  if (signature) {
    const seal = signature.toSign.seal.sealInfo;
    const facts: [string, string][] = [
      ['seal', `${seal.property.name} (esID ${seal.esId})`],
      ['signer', subjectOf(signature.signerCertificate)],
      ['time', signature.toSign.timeInfo.toISOString()],
      ['propertyInfo', signature.toSign.propertyInfo],
      ['dataHash', toHex(signature.toSign.dataHash)],
    ];
    const documentHash = document ? sm3(document) : signature.toSign.dataHash;
    const result = verifySesSignature(bytes, { documentHash, trust });
    const checks = result.ok
      ? [{ name: 'signature, seal and certificates', ok: true, detail: 'every check of GB/T 38540 passes' }]
      : [{ name: result.failedCheck, ok: false, detail: result.reason }];
    if (!document) checks.push({ name: 'document', ok: true, detail: 'not checked: give the signed document with --document FILE' });
    else if (result.ok) checks.push({ name: 'document', ok: true, detail: 'the SM3 of the document given is the signed dataHash' });
    return report('signature', facts, checks);
  }

  const seal = tryDecode(() => decodeSesSeal(bytes));
  if (seal) {
    const { property } = seal.sealInfo;
    const facts: [string, string][] = [
      ['seal', `${property.name} (esID ${seal.sealInfo.esId}, type ${property.type})`],
      ['maker', subjectOf(seal.makerCertificate)],
      ['valid', `${property.validStart.toISOString()} – ${property.validEnd.toISOString()}`],
    ];
    const result = verifySesSeal(bytes, { trust, at: property.createDate });
    return report('seal', facts, [
      result.ok
        ? { name: 'seal', ok: true, detail: "the maker's signature and certificate verify" }
        : { name: result.failedCheck, ok: false, detail: result.reason },
    ]);
  }
  return report('unknown', [], [{ name: 'format', ok: false, detail: 'neither a PDF notice, an SES_Signature nor an SES_Seal' }]);
}
