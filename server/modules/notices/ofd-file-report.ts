import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { sm3, toHex } from '../../crypto/index.ts';
import { verifyOfd, type OfdCheck } from '../../crypto/ofd/index.ts';
import { authorityRoot, crlsInForceAt } from '../seals/seal-authority.ts';
import { findNoticeByOfdFile } from './notices.repo.ts';

/** What `hukou verify-seal FILE.ofd` prints: facts, and each check of the package and of each signature. */
export interface OfdFileReport {
  facts: [string, string][];
  /** `signature`: the ID of the signature a check is of; none for the package's own checks. */
  checks: { name: string; ok: boolean; detail: string; signature?: string; untrusted?: true }[];
}

const line = (check: OfdCheck, signature?: string) => ({
  name: check.name,
  ok: check.status === 'passed',
  detail:
    check.status === 'not_checked' ? `not checked: ${check.detail}` : check.status === 'untrusted' ? `untrusted: ${check.detail}` : check.detail,
  ...(signature === undefined ? {} : { signature }),
  ...(check.status === 'untrusted' ? { untrusted: true as const } : {}),
});

/**
 * An OFD package someone brings: every signature verified (crypto/ofd/verify-ofd.ts) against this
 * archive's seal authority. A notice issued here is recognised by its bytes and checked with the
 * CRL in force when it was signed; any other package with the CRLs of now.
 */
export async function reportOfdFile(ctx: AppContext, bytes: Uint8Array): Promise<OfdFileReport> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const notice = await findNoticeByOfdFile(ctx.db.kysely, sha256);
  const root = await authorityRoot(ctx.db.kysely);
  const crls = await crlsInForceAt(ctx.db.kysely, notice?.signed_at ?? new Date().toISOString());
  const result = verifyOfd(bytes, { trust: { trustedRoots: root ? [root] : [], crls } });
  const facts: [string, string][] = [
    ['SHA-256', sha256],
    ['SM3', toHex(sm3(bytes))],
  ];
  if (notice) facts.push(['case', notice.case_no], ['verification code', notice.verification_code], ['issued by', notice.unit_name]);
  else facts.push(['archived', 'no notice issued here has exactly these bytes']);
  const checks = result.checks.map((check) => line(check));
  for (const signature of result.signatures) {
    const label = `signature ${signature.id}`;
    facts.push([
      label,
      `${signature.sealName ?? signature.type} — ${signature.signer ?? 'signer unknown'} — ${signature.signedAt ?? 'time unknown'}`,
    ]);
    checks.push(...signature.checks.map((check) => line(check, signature.id)));
  }
  return { facts, checks };
}
