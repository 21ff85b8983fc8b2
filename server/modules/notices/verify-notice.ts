import type { AppContext } from '../../context.ts';
import { sm3, verifySesSignature } from '../../crypto/index.ts';
import { authorityRoot, crlsInForceAt } from '../seals/seal-authority.ts';
import type { NoticeInfo } from './notices.schema.ts';

type SesResult = Pick<NoticeInfo['ses'], 'valid' | 'failedCheck' | 'reason'>;

/**
 * The GB/T 38540 signature checked now over the SM3 of the PDF as stored, with the authority's root
 * and the CRL in force when it was signed, as decisions' signatures are checked.
 */
export async function verifyNoticeSes(ctx: AppContext, signature: string, signedAt: string, pdf: Buffer): Promise<SesResult> {
  const root = await authorityRoot(ctx.db.kysely);
  if (!root) return { valid: false, failedCheck: 'authority', reason: 'the seal authority has no root certificate' };
  const crls = await crlsInForceAt(ctx.db.kysely, signedAt);
  const result = verifySesSignature(new Uint8Array(Buffer.from(signature, 'base64')), {
    documentHash: sm3(new Uint8Array(pdf)),
    trust: { trustedRoots: [root], crls },
  });
  return result.ok ? { valid: true, failedCheck: null, reason: null } : { valid: false, failedCheck: result.failedCheck, reason: result.reason };
}
