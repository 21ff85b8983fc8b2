import type { AppContext } from '../../../context.ts';
import { sm3, toHex } from '../../../crypto/index.ts';
import { AppError, isAppError } from '../../../errors.ts';
import type { NoticePublicInfo } from '../notice-facts.ts';
import { findNoticeByCode, type PublicNoticeRow } from '../notices.repo.ts';
import { VERIFICATION_CODE } from '../verification-code.ts';
import { verifyNoticeOfd, verifyNoticeSes } from '../verify-notice.ts';

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
  /** Hex SM3 of the signed file as archived (the PDF, or the OFD when that was checked): a copy can be compared with it. */
  sm3: string;
  /** Only what the notice itself shows: masked name and ID number. */
  notice: NoticePublicInfo;
}

/** An archived file, or null when the stored file no longer matches its record (the archive's problem, not the reader's). */
async function archivedFile(ctx: AppContext, sha256: string): Promise<Buffer | null> {
  try {
    return await ctx.blobs.get(sha256);
  } catch (error) {
    if (isAppError(error) && error.code === 'BLOB_INTEGRITY_FAILED') return null;
    throw error;
  }
}

/** The archived PDF's GB/T 38540 signature, checked now, and that the file is the one recorded. */
async function checkPdf(ctx: AppContext, notice: PublicNoticeRow) {
  const pdf = await archivedFile(ctx, notice.blob_sha256);
  const ses = pdf ? await verifyNoticeSes(ctx, notice.ses_signature, notice.signed_at, pdf) : null;
  const recordAgrees = pdf !== null && toHex(sm3(new Uint8Array(pdf))) === notice.sm3;
  return {
    valid: Boolean(ses?.valid) && recordAgrees,
    failedCheck: !ses ? 'stored_file' : ses.valid && !recordAgrees ? 'record' : ses.failedCheck,
    sm3: notice.sm3,
  };
}

/** The archived OFD's seal signature and references, checked now (verify-notice.ts), and that it is the one recorded. */
async function checkOfd(ctx: AppContext, notice: PublicNoticeRow) {
  const ofd = notice.ofd_blob_sha256 ? await archivedFile(ctx, notice.ofd_blob_sha256) : null;
  if (!ofd) return { valid: false, failedCheck: 'stored_file', sm3: notice.ofd_sm3 ?? '' };
  const result = await verifyNoticeOfd(ctx, notice, ofd);
  return { valid: result.valid, failedCheck: result.checks.find((c) => c.status !== 'passed')?.name ?? null, sm3: result.sm3 };
}

/**
 * What the public may learn of a notice, its signature checked now over the archived file: the PDF,
 * or the OFD when that is the form someone holds.
 */
export async function publicCheckOf(ctx: AppContext, notice: PublicNoticeRow, form: 'pdf' | 'ofd' = 'pdf'): Promise<PublicNoticeCheck> {
  const checked = form === 'ofd' ? await checkOfd(ctx, notice) : await checkPdf(ctx, notice);
  return {
    verificationCode: notice.verification_code,
    ...checked,
    signedAt: notice.signed_at,
    unitName: notice.unit_name,
    sealName: notice.seal_name,
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
