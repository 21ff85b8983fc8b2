import type { Db } from '../../db/database.ts';
import { compactCasesStorage, completeMaintenance, isMaintenancePending, requestMaintenance } from './id-protection.repo.ts';

/** Recorded by migration 0005 and by a rotation asked to compact; cleared once the work is done. */
export const COMPACT_CASES_TASK = 'compact-cases';

/** Asks for a compaction of `cases`; the request survives a crash until runPendingCompaction completes it. */
export async function requestCaseCompaction(db: Db, at: Date): Promise<void> {
  await requestMaintenance(db.kysely, COMPACT_CASES_TASK, at.toISOString());
}

/**
 * Compacts `cases` if a compaction is owed, so overwritten plain values and values under retired
 * keys leave no copies in free pages. The task is removed only
 * after the storage is rewritten, so an interruption, or old snapshots that outlast `waitMs`
 * (default 30 s), mean it runs again at the next start.
 */
export async function runPendingCompaction(db: Db, options: { waitMs?: number } = {}): Promise<'done' | 'nothing-owed' | 'deferred'> {
  if (!(await isMaintenancePending(db.kysely, COMPACT_CASES_TASK))) return 'nothing-owed';
  if (!(await compactCasesStorage(db, options))) return 'deferred';
  await completeMaintenance(db.kysely, COMPACT_CASES_TASK);
  return 'done';
}
