import type { AppContext } from '../context.ts';
import { isBlobReferenced } from '../modules/audit/archive-check.repo.ts';
import { recordAudit } from '../modules/audit/record-audit.ts';
import { unrecordedBlobs } from '../modules/audit/verify-archive-blobs.ts';

export interface OrphanSweepReport {
  /** Stored originals without a row, old enough to go. */
  candidates: number;
  removed: string[];
  /** Without a row but younger than the grace period: a capture may be committing its row now. */
  inGrace: number;
  /** Put again by a capture while the sweep ran: kept. */
  renewed: string[];
  /** Taken, then put back because a row pointing to them appeared meanwhile. */
  restored: string[];
  /** Temp files of interrupted writes removed (fs store). */
  incomplete: number;
}

/**
 * Removes stored originals that no row points to once they are older than the grace period: what
 * refused captures leave (the bytes are made durable before the act that records them commits).
 * Three guards keep a capture of the same bytes, running while the sweep does, from losing them:
 * the row is looked up again right before each removal; the store removes only bytes not put again
 * since the cutoff (a capture's put renews them); and the row is looked up once more after the
 * removal, the bytes (read first) put back if it appeared. Each removal is an audit event.
 */
export async function sweepOrphans(ctx: AppContext, graceHours = ctx.config.orphanGraceHours): Promise<OrphanSweepReport> {
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - graceHours * 3_600_000);
  const report: OrphanSweepReport = { candidates: 0, removed: [], inGrace: 0, renewed: [], restored: [], incomplete: 0 };
  // Listed in full first: removing while listing could make a paged listing skip entries.
  const old: { sha256: string; modifiedAt: Date }[] = [];
  for await (const entry of unrecordedBlobs(ctx.db, ctx.blobs)) {
    if (entry.modifiedAt < cutoff) old.push(entry);
    else report.inGrace++;
  }
  report.candidates = old.length;
  for (const { sha256, modifiedAt } of old) {
    if (await isBlobReferenced(ctx.db.kysely, sha256)) continue;
    const bytes = await ctx.blobs.get(sha256).catch(() => null);
    if (!(await ctx.blobs.removeIfOlderThan(sha256, cutoff))) {
      report.renewed.push(sha256);
      continue;
    }
    if (await isBlobReferenced(ctx.db.kysely, sha256)) {
      if (bytes) await ctx.blobs.put(bytes);
      report.restored.push(sha256);
      continue;
    }
    report.removed.push(sha256);
    await recordAudit(ctx, {
      at: ctx.now().toISOString(),
      actorId: null,
      actorUnitId: null,
      action: 'archive.orphan_removed',
      objectType: 'blob',
      objectId: sha256,
      outcome: 'ok',
      detail: { lastWritten: modifiedAt.toISOString(), graceHours, intact: bytes !== null },
    });
  }
  report.incomplete = (await ctx.blobs.removeIncomplete?.(cutoff)) ?? 0;
  return report;
}
