import type { AppContext } from '../../context.ts';
import type { Actor } from '../org/actor.ts';
import { canReadAuditTrail } from './audit.policy.ts';
import { auditedRead, forbidden } from './audited.ts';
import { type ArchiveReport, verifyArchive } from './verify-archive.ts';

/** The same check as `hukou verify`, run by the audit administrator from the API; the run is audited. */
export function verifyArchiveAsActor(ctx: AppContext, actor: Actor): Promise<ArchiveReport & { ok: boolean }> {
  return auditedRead(ctx, actor, { action: 'audit.read', objectType: 'archive_verification', objectId: null }, async () => {
    if (!canReadAuditTrail(actor)) throw forbidden('ROLE_NOT_PERMITTED');
    const report = await verifyArchive(ctx.db, ctx.blobs, ctx.catalogs, {
      now: ctx.now(),
      orphanGraceHours: ctx.config.orphanGraceHours,
      checkpointDir: ctx.config.checkpointDir,
    });
    return { result: { ...report, ok: report.problems.length === 0 }, detail: { problems: report.problems.length } };
  });
}
