import type { AppContext } from '../context.ts';
import { casesOfBlob, countBlobs, listFixityDue, markFixityChecked } from '../modules/audit/archive-check.repo.ts';
import { recordAudit } from '../modules/audit/record-audit.ts';
import { blobProblem, type BlobProblemKind } from '../modules/audit/verify-archive-blobs.ts';

export interface FixityFailure {
  sha256: string;
  kind: BlobProblemKind;
  message: string;
}

export interface FixitySweepReport {
  /** Blobs in the archive, and the day's share of them. */
  total: number;
  share: number;
  intact: number;
  failures: FixityFailure[];
}

/** A day's share: the whole archive in `periodDays` days, at least one blob a day while there are any. */
export function fixityShare(total: number, periodDays: number): number {
  return Math.ceil(total / periodDays);
}

/**
 * One day's fixity sweep: re-hashes (SHA-256 and SM3, on a blob thread, one blob at a time) the
 * share of the originals whose last intact check is oldest, never-checked first, and records the
 * time on each that matched. A blob that is missing or differs from its record keeps its old time,
 * so it is first again tomorrow, and each failure is an audit event naming the cases that hold it.
 */
export async function sweepFixity(ctx: AppContext, periodDays = ctx.config.fixityPeriodDays): Promise<FixitySweepReport> {
  const total = await countBlobs(ctx.db.kysely);
  const share = fixityShare(total, periodDays);
  const due = await listFixityDue(ctx.db.kysely, share);
  const report: FixitySweepReport = { total, share, intact: 0, failures: [] };
  let intact: string[] = [];
  const record = async () => {
    await markFixityChecked(ctx.db.kysely, intact, ctx.now().toISOString());
    report.intact += intact.length;
    intact = [];
  };
  try {
    for (const row of due) {
      const problem = blobProblem(row, await ctx.blobs.digest(row.sha256));
      if (!problem) {
        intact.push(row.sha256);
        if (intact.length >= 200) await record();
        continue;
      }
      report.failures.push({ sha256: row.sha256, ...problem });
      const caseIds = await casesOfBlob(ctx.db.kysely, row.sha256);
      await recordAudit(ctx, {
        at: ctx.now().toISOString(),
        actorId: null,
        actorUnitId: null,
        action: 'archive.fixity_failed',
        objectType: 'blob',
        objectId: row.sha256,
        outcome: 'ok',
        detail: { problem: problem.kind, message: problem.message, lastIntactAt: row.fixity_checked_at, caseIds },
      });
    }
  } finally {
    // What was found intact before a fault (the store unreachable) still counts.
    await record();
  }
  return report;
}
