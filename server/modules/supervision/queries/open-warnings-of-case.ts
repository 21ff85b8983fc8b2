import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Tx } from '../../../db/transaction.ts';
import type { CaseWarning } from '../case-warning.schema.ts';
import { presentCaseWarning } from '../present-warning.ts';
import { listOpenWarningsOfCase } from '../warnings.repo.ts';

/** The case's warnings not yet resolved, for the case view (whoever may read the case sees them there). */
export async function openWarningsOfCase(db: Kysely<Database> | Tx, caseId: string): Promise<CaseWarning[]> {
  return (await listOpenWarningsOfCase(db, caseId)).map(presentCaseWarning);
}
