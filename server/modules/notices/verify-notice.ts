import type { AppContext } from '../../context.ts';
import { sm3, toHex, verifySesSignature } from '../../crypto/index.ts';
import { verifyOfd } from '../../crypto/ofd/index.ts';
import type { NoticesTable } from '../../db/schema.ts';
import { authorityRoot, crlsInForceAt } from '../seals/seal-authority.ts';
import type { NoticeOfdInfo } from './ofd-info.schema.ts';
import type { NoticeInfo } from './notices.schema.ts';

type SesResult = Pick<NoticeInfo['ses'], 'valid' | 'failedCheck' | 'reason'>;

/** The authority's root and the CRL in force when the notice was signed, as decisions' signatures are checked. */
async function trustAt(ctx: AppContext, signedAt: string) {
  const root = await authorityRoot(ctx.db.kysely);
  return root ? { trustedRoots: [root], crls: await crlsInForceAt(ctx.db.kysely, signedAt) } : null;
}

/**
 * The GB/T 38540 signature checked now over the SM3 of the PDF as stored, with the authority's root
 * and the CRL in force when it was signed, as decisions' signatures are checked.
 */
export async function verifyNoticeSes(ctx: AppContext, signature: string, signedAt: string, pdf: Buffer): Promise<SesResult> {
  const trust = await trustAt(ctx, signedAt);
  if (!trust) return { valid: false, failedCheck: 'authority', reason: 'the seal authority has no root certificate' };
  const result = verifySesSignature(new Uint8Array(Buffer.from(signature, 'base64')), {
    documentHash: sm3(new Uint8Array(pdf)),
    trust,
  });
  return result.ok ? { valid: true, failedCheck: null, reason: null } : { valid: false, failedCheck: result.failedCheck, reason: result.reason };
}

type OfdRecord = Pick<NoticesTable, 'signed_at' | 'ofd_blob_sha256' | 'ofd_sm3'>;

/**
 * The OFD notice verified now (crypto/ofd/verify-ofd.ts): every reference, the dataHash over
 * Signature.xml, the seal signature, the seal and the certificates, trusted as the PDF's are; and
 * the package and its seal signature are the ones recorded at issue.
 */
export async function verifyNoticeOfd(ctx: AppContext, notice: OfdRecord, ofd: Buffer): Promise<NonNullable<NoticeOfdInfo>> {
  const trust = (await trustAt(ctx, notice.signed_at)) ?? { trustedRoots: [] };
  const result = verifyOfd(new Uint8Array(ofd), { trust });
  const digest = toHex(sm3(new Uint8Array(ofd)));
  // The whole package's SM3 as recorded: its SignedValue.dat is then the recorded SES_Signature too.
  const record =
    digest !== notice.ofd_sm3
      ? { name: 'record', status: 'failed' as const, detail: 'the stored SM3 differs from the package’s' }
      : { name: 'record', status: 'passed' as const, detail: 'the package is the one recorded at issue' };
  return {
    sha256: notice.ofd_blob_sha256 ?? '',
    sm3: digest,
    size: ofd.length,
    valid: result.valid && record.status === 'passed',
    checks: [...result.checks, record],
    signatures: result.signatures.map((signature) => ({
      ...signature,
      changedFiles: [...signature.changedFiles],
      missingFiles: [...signature.missingFiles],
      checks: [...signature.checks],
    })),
    unsignedFiles: [...result.unsignedFiles],
  };
}
