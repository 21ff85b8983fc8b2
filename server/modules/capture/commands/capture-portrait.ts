import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { beforeCaseAct, runCaseAct } from '../../cases/case-act.ts';
import { insertBlobIfAbsent } from '../../cases/cases.repo.ts';
import type { CaseView } from '../../cases/present-case.ts';
import { inspectImage } from '../../documents/inspect-image.ts';
import type { Actor } from '../../org/actor.ts';
import { insertPortrait, retirePortraits } from '../capture.repo.ts';

/**
 * 现场照片: the applicant's portrait, taken by the window's camera. Personal data: it is stored with
 * the case, never listed or searched, and each viewing is an audited act (open-portrait.ts). A new
 * portrait replaces the one before; the earlier one is kept, retired.
 */
export async function capturePortrait(ctx: AppContext, actor: Actor, caseId: string, bytes: Buffer, idempotencyKey: string): Promise<CaseView> {
  const limits = { maxBytes: ctx.config.maxUploadBytes, maxPixels: ctx.config.maxImagePixels };
  const [image, stored] = await beforeCaseAct(ctx, actor, caseId, 'capture_portrait', () => {
    const storing = ctx.blobs.put(bytes);
    storing.catch(() => undefined);
    return Promise.all([inspectImage(bytes, limits), storing]);
  });
  return runCaseAct(ctx, actor, { caseId, act: 'capture_portrait', idempotencyKey, body: { sha256: stored.sha256 } }, async (tx, kase, _ref, at) => {
    await insertBlobIfAbsent(tx, {
      sha256: stored.sha256,
      sm3: stored.sm3,
      size: stored.size,
      media_type: image.mediaType,
      width: image.width,
      height: image.height,
      page_count: 1,
      fixity_checked_at: null,
      created_at: at,
    });
    await retirePortraits(tx, kase.id, at);
    const id = randomUUID();
    await insertPortrait(tx, { id, case_id: kase.id, blob_sha256: stored.sha256, captured_by: actor.userId, captured_at: at, removed_at: null });
    // The trail names the portrait by its id and hash only: no image data, no description of the person.
    return { detail: { portraitId: id, sha256: stored.sha256, sm3: stored.sm3 } };
  });
}
