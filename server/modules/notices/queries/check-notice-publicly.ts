import type { AppContext } from '../../../context.ts';
import { sm3, toHex } from '../../../crypto/index.ts';
import { AppError, isAppError } from '../../../errors.ts';
import type { NoticePublicInfo } from '../notice-facts.ts';
import { findNoticeByCode, type PublicNoticeRow } from '../notices.repo.ts';
import { VERIFICATION_CODE } from '../verification-code.ts';
import { verifyNoticeSes } from '../verify-notice.ts';

/**
 * The code as a person types it from paper: any case, spaces or dashes anywhere, and the letters
 * Crockford's alphabet reads as digits (I and L as 1, O as 0). Null when it cannot be a code.
 */
export function normaliseVerificationCode(typed: string): string | null {
  const characters = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (characters.length !== 16) return null;
  const code = characters.match(/.{4}/g)!.join('-');
  return VERIFICATION_CODE.test(code) ? code : null;
}

export interface PublicNoticeCheck {
  verificationCode: string;
  /** The notice as archived still carries a valid GB/T 38540 signature of the deciding unit. */
  valid: boolean;
  failedCheck: string | null;
  signedAt: string;
  unitName: string;
  sealName: string;
  /** Hex SM3 of the signed PDF as archived: a printed or downloaded copy can be compared with it. */
  sm3: string;
  /** Only what the notice itself shows: masked name and ID number. */
  notice: NoticePublicInfo;
}

/** The archived PDF, or null when the stored file no longer matches its record (the archive's problem, not the reader's). */
async function archivedPdf(ctx: AppContext, sha256: string): Promise<Buffer | null> {
  try {
    return await ctx.blobs.get(sha256);
  } catch (error) {
    if (isAppError(error) && error.code === 'BLOB_INTEGRITY_FAILED') return null;
    throw error;
  }
}

/** What the public may learn of a notice, its signature checked now over the archived PDF. */
export async function publicCheckOf(ctx: AppContext, notice: PublicNoticeRow): Promise<PublicNoticeCheck> {
  const pdf = await archivedPdf(ctx, notice.blob_sha256);
  const ses = pdf ? await verifyNoticeSes(ctx, notice.ses_signature, notice.signed_at, pdf) : null;
  const recordAgrees = pdf !== null && toHex(sm3(new Uint8Array(pdf))) === notice.sm3;
  return {
    verificationCode: notice.verification_code,
    valid: Boolean(ses?.valid) && recordAgrees,
    failedCheck: !ses ? 'stored_file' : ses.valid && !recordAgrees ? 'record' : ses.failedCheck,
    signedAt: notice.signed_at,
    unitName: notice.unit_name,
    sealName: notice.seal_name,
    sm3: notice.sm3,
    notice: JSON.parse(notice.public_info) as NoticePublicInfo,
  };
}

/**
 * 核验: anyone holding a notice checks it by its verification code, without signing in. The answer
 * shows only what the notice shows; the signature is checked now over the archived PDF. Not written
 * to the trail: nobody is identified, and a public page must not be a way to grow the trail.
 */
export async function checkNoticePublicly(ctx: AppContext, typed: string): Promise<PublicNoticeCheck> {
  const code = normaliseVerificationCode(typed);
  const notice = code ? await findNoticeByCode(ctx.db.kysely, code) : undefined;
  if (!notice) throw new AppError('NOTICE_NOT_FOUND');
  return publicCheckOf(ctx, notice);
}
