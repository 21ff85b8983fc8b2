import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';

/** Spot checks of one unit's cases in [from, to): how many cases were checked and how many had findings. */
export interface SpotCheckCounts {
  checked: number;
  withFindings: number;
}

/**
 * Per unit whose business was checked (the station that handled the case), keyed by unit id: cases whose
 * finding was recorded in [from, to), and of those the ones found 有问题. A finding counts when recorded,
 * whether or not its round is completed yet.
 */
export async function countSpotChecksByUnit(db: Kysely<Database> | Tx, range: { from: string; to: string }): Promise<Map<string, SpotCheckCounts>> {
  const rows = await db
    .selectFrom('spot_check_items')
    .select(['case_unit_id', 'result', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('checked_at', '>=', range.from)
    .where('checked_at', '<', range.to)
    .where('result', 'is not', null)
    .groupBy(['case_unit_id', 'result'])
    .execute();
  const counts = new Map<string, SpotCheckCounts>();
  for (const row of rows) {
    const entry = counts.get(row.case_unit_id) ?? { checked: 0, withFindings: 0 };
    entry.checked += Number(row.n);
    if (row.result === 'problem') entry.withFindings += Number(row.n);
    counts.set(row.case_unit_id, entry);
  }
  return counts;
}

/** Per checking unit (branch or city bureau): spot check rounds completed in [from, to). */
export async function countSpotChecksDoneByChecker(db: Kysely<Database> | Tx, range: { from: string; to: string }): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('spot_check_rounds')
    .select(['checker_unit_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('state', '=', 'completed')
    .where('completed_at', '>=', range.from)
    .where('completed_at', '<', range.to)
    .groupBy('checker_unit_id')
    .execute();
  return new Map(rows.map((row) => [row.checker_unit_id, Number(row.n)]));
}
