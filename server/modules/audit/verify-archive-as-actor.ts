import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../org/actor.ts';
import { canReadAuditTrail } from './audit.policy.ts';
import { type ArchiveReport, verifyArchive } from './verify-archive.ts';
import { recordAudit } from './record-audit.ts';

/** The same check as `hukou verify`, run by the audit administrator from the API; the run is audited. */
export async function verifyArchiveAsActor(ctx: AppContext, actor: Actor): Promise<ArchiveReport & { ok: boolean }> {
  const allowed = canReadAuditTrail(actor);
  const report = allowed ? await verifyArchive(ctx.db, ctx.blobs, ctx.catalogs) : null;
  await recordAudit(ctx, {
    at: ctx.now().toISOString(),
    actorId: actor.userId,
    actorUnitId: actor.unitId,
    action: 'audit.read',
    objectType: 'archive_verification',
    objectId: null,
    outcome: allowed ? 'ok' : 'denied',
    reason: allowed ? null : 'ROLE_NOT_PERMITTED',
    detail: report ? { problems: report.problems.length } : {},
  });
  if (!report) throw new AppError('FORBIDDEN', { reason: 'ROLE_NOT_PERMITTED' });
  return { ...report, ok: report.problems.length === 0 };
}
