import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { sm3, toHex } from '../../../crypto/index.ts';
import { isOfdPackage } from '../../../crypto/ofd/index.ts';
import { AppError } from '../../../errors.ts';
import { findPublicNoticeByFile } from '../notices.repo.ts';
import { publicCheckOf, type PublicNoticeCheck } from './check-notice-publicly.ts';

/** A notice is a PDF or an OFD package (a zip holding OFD.xml): decided by the bytes, never by the name a browser sends. */
export function noticeFileKind(bytes: Uint8Array): 'pdf' | 'ofd' | null {
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  return isOfdPackage(bytes) ? 'ofd' : null;
}

export interface PublicNoticeFileCheck {
  kind: 'pdf' | 'ofd';
  /** Hex SM3 of the file received, to compare with the digest printed by the code check. */
  sm3: string;
  /** The archived notice with exactly these bytes, checked now; null when no notice issued here has them. */
  check: PublicNoticeCheck | null;
}

/**
 * 核验文件: whoever holds a notice as a file checks it without signing in. Only a file byte for byte
 * equal to a notice issued here is recognised, so a copy changed in any way (even re-saved by a
 * reader) is told apart from the genuine one; the answer then shows what the notice itself shows.
 * A file that matches nothing reveals nothing, and, as the code check, is not written to the trail.
 */
export async function checkNoticeFilePublicly(ctx: AppContext, bytes: Buffer): Promise<PublicNoticeFileCheck> {
  const kind = noticeFileKind(bytes);
  if (!kind) throw new AppError('NOTICE_FILE_UNSUPPORTED');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const notice = await findPublicNoticeByFile(ctx.db.kysely, sha256);
  return { kind, sm3: toHex(sm3(new Uint8Array(bytes))), check: notice ? await publicCheckOf(ctx, notice, kind) : null };
}
