import type { Db } from '../../../db/database.ts';
import { requestCaseCompaction, runPendingCompaction } from '../compact-case-storage.ts';
import type { KeyRing } from '../id-protection.ts';
import { listCasesAfter, listCasesByIds } from '../id-protection.repo.ts';
import { type RowProblem, rewriteCaseBatch } from '../rewrite-case-rows.ts';

export interface RekeyOptions {
  batchSize?: number;
  /** Resume after this case id (the `lastId` of an interrupted run); rows are checked from the start otherwise. */
  startAfterId?: string | null;
  /**
   * Rewrite the storage of `cases` afterwards, so the values under the old key leave no copies in
   * free pages: needed when the old key is retired because it may be known. Takes an exclusive
   * lock on PostgreSQL (VACUUM FULL) for as long as the rewrite lasts.
   */
  compact?: boolean;
  /** How long the compaction may wait for older snapshots to end (default 30 s); it stays owed otherwise. */
  compactionWaitMs?: number;
  onBatch?: (progress: RekeyReport) => void;
  now?: () => Date;
}

export interface RekeyReport {
  scanned: number;
  /** Rows written. */
  rewritten: number;
  /** Values moved to the current key. */
  reencrypted: number;
  /** Rows whose blind index now uses the current index key. */
  reindexed: number;
  /** Plain values found and protected (rows not converted yet). */
  protectedPlain: number;
  /** Rows that could not be read: left unchanged, listed for an operator. */
  problems: RowProblem[];
  /** Rows that kept changing under the run; run again to finish them. */
  contended: string[];
  /** The last case id scanned: where to resume. */
  lastId: string | null;
  /** False also when the compaction had to be deferred: it then runs at the next server start. */
  compacted: boolean;
}

const CONTENDED_RETRIES = 3;

/**
 * Rotation (`hukou rekey-id-numbers`, docs/CRYPTO.md): brings every case to the current keys,
 * re-encrypting values written under older keys and recomputing blind-index values computed under
 * an index key that is no longer the current one. Walks `cases` in id order, one transaction per
 * batch; safe beside a running server (compare-and-set writes that leave version and updated_at
 * alone) and resumable: a row already under the current keys is only read, and `startAfterId`
 * skips what a previous run finished.
 */
export async function rekeyIdNumbers(db: Db, ring: KeyRing, options: RekeyOptions = {}): Promise<RekeyReport> {
  const batchSize = options.batchSize ?? 500;
  const report: RekeyReport = {
    scanned: 0,
    rewritten: 0,
    reencrypted: 0,
    reindexed: 0,
    protectedPlain: 0,
    problems: [],
    contended: [],
    lastId: options.startAfterId ?? null,
    compacted: false,
  };
  let contended: string[] = [];
  const apply = async (rows: Awaited<ReturnType<typeof listCasesAfter>>) => {
    const outcome = await rewriteCaseBatch(db, ring, rows, 'current');
    report.rewritten += outcome.rewritten;
    report.reencrypted += outcome.reencrypted;
    report.reindexed += outcome.reindexed;
    report.protectedPlain += outcome.protectedPlain;
    report.problems.push(...outcome.problems);
    return outcome.contended;
  };
  for (;;) {
    const rows = await listCasesAfter(db.kysely, report.lastId, batchSize);
    if (rows.length === 0) break;
    contended.push(...(await apply(rows)));
    report.scanned += rows.length;
    report.lastId = rows[rows.length - 1]?.id ?? report.lastId;
    options.onBatch?.(report);
  }
  for (let round = 0; round < CONTENDED_RETRIES && contended.length > 0; round++) {
    contended = await apply(await listCasesByIds(db.kysely, contended));
  }
  report.contended = contended;
  if (options.compact) {
    await requestCaseCompaction(db, (options.now ?? (() => new Date()))());
    report.compacted = (await runPendingCompaction(db, { waitMs: options.compactionWaitMs })) === 'done';
  }
  return report;
}
