import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { planRowRewrite, type ProtectedColumn, type RewriteMode, type RowRewrite, type StoredCaseSecrets } from './case-protection.ts';
import type { KeyRing, ProtectedValueProblem } from './id-protection.ts';
import { replaceCaseSecrets } from './id-protection.repo.ts';

export interface RowProblem {
  caseId: string;
  column: ProtectedColumn | 'applicant_id_index';
  reason: ProtectedValueProblem;
}

export interface BatchOutcome {
  /** Rows written. */
  rewritten: number;
  /** Plain values now protected. */
  protectedPlain: number;
  /** Values moved from an older key to the current one. */
  reencrypted: number;
  /** Rows whose blind index was (re)computed. */
  reindexed: number;
  /** Rows another writer changed between read and write; left for a later pass. */
  contended: string[];
  problems: RowProblem[];
}

/**
 * Rewrites one batch of rows in one transaction. The crypto runs before the transaction opens, so
 * the write lock (SQLite) or row locks (PostgreSQL) are held only for the updates; each update is
 * a compare-and-set on what was read. Interrupting between batches (or inside one: it rolls back)
 * leaves every row either fully old or fully new, which is what makes a run resumable.
 */
export async function rewriteCaseBatch(db: Db, ring: KeyRing, rows: readonly StoredCaseSecrets[], mode: RewriteMode): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { rewritten: 0, protectedPlain: 0, reencrypted: 0, reindexed: 0, contended: [], problems: [] };
  const updates: { row: StoredCaseSecrets; plan: Extract<RowRewrite, { kind: 'update' }> }[] = [];
  for (const row of rows) {
    const plan = planRowRewrite(ring, row, mode);
    if (plan.kind === 'problem') outcome.problems.push({ caseId: row.id, column: plan.column, reason: plan.reason });
    else if (plan.kind === 'update') updates.push({ row, plan });
  }
  if (updates.length === 0) return outcome;
  const written = await inTransaction(db, async (tx) => {
    const done: boolean[] = [];
    for (const { row, plan } of updates) done.push(await replaceCaseSecrets(tx, row, plan.values));
    return done;
  });
  updates.forEach(({ row, plan }, i) => {
    if (!written[i]) {
      outcome.contended.push(row.id);
      return;
    }
    outcome.rewritten++;
    outcome.protectedPlain += plan.protectedPlain;
    outcome.reencrypted += plan.reencrypted;
    if (plan.reindexed) outcome.reindexed++;
  });
  return outcome;
}
