import type { Kysely } from 'kysely';
import type { Database, HistoryImportsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Kysely<Database> | Tx;

/** The case an old file became, if it has been imported. */
export function findHistoryImport(db: Q, sourceKey: string): Promise<{ case_id: string; case_no: string } | undefined> {
  return db
    .selectFrom('history_imports')
    .innerJoin('cases', 'cases.id', 'history_imports.case_id')
    .select(['history_imports.case_id', 'cases.case_no'])
    .where('history_imports.source_key', '=', sourceKey)
    .executeTakeFirst();
}

export async function insertHistoryImport(tx: Tx, row: HistoryImportsTable): Promise<void> {
  await tx.insertInto('history_imports').values(row).execute();
}
