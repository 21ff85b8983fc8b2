import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { projectWarning, warningDrift } from './warning-projection.ts';
import { listActionsOfWarnings, listWarningsForProjectionCheck } from './warnings.repo.ts';

export interface WarningProjectionProblem {
  warningId: string;
  message: string;
}

const PAGE = 500;

/**
 * Recomputes every warning's stored state from its log and names each one that differs, column by
 * column, or whose log is itself impossible. Part of `hukou verify`.
 */
export async function checkWarningProjections(db: Kysely<Database>): Promise<{ warnings: number; problems: WarningProjectionProblem[] }> {
  const problems: WarningProjectionProblem[] = [];
  let warnings = 0;
  let after = '';
  for (;;) {
    const rows = await listWarningsForProjectionCheck(db, after, PAGE);
    const logs = await listActionsOfWarnings(
      db,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      warnings++;
      try {
        const drift = warningDrift(row, projectWarning(logs.get(row.id) ?? []));
        if (drift.length > 0) {
          problems.push({
            warningId: row.id,
            message: `stored ${drift.map((c) => `${c}=${JSON.stringify(row[c])}`).join(', ')} differ from the warning's log`,
          });
        }
      } catch (error) {
        problems.push({ warningId: row.id, message: `the warning's log cannot be replayed: ${(error as Error).message}` });
      }
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return { warnings, problems };
    after = last.id;
  }
}
