import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CatalogRegistry } from '../catalog/catalog-registry.ts';
import { projectCase, projectionDrift } from './case-projection.ts';
import { listActionsOfCases, listCasesForProjectionCheck } from './cases.repo.ts';

export interface ProjectionProblem {
  caseId: string;
  caseNo: string;
  message: string;
}

const PAGE = 500;

/**
 * Recomputes every case's stored state from its action log and names each case that differs,
 * with the columns that differ, or whose log is itself impossible. Part of `hukou verify`.
 */
export async function checkCaseProjections(
  db: Kysely<Database>,
  catalogs: CatalogRegistry,
): Promise<{ cases: number; problems: ProjectionProblem[] }> {
  const problems: ProjectionProblem[] = [];
  let cases = 0;
  let after = '';
  for (;;) {
    const rows = await listCasesForProjectionCheck(db, after, PAGE);
    const logs = await listActionsOfCases(
      db,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      cases++;
      const where = { caseId: row.id, caseNo: row.case_no };
      try {
        const subtype = catalogs.subtype(row.catalog_version, row.subtype_code).subtype;
        const drift = projectionDrift(row, projectCase(logs.get(row.id) ?? [], subtype));
        if (drift.length > 0) {
          problems.push({ ...where, message: `stored ${drift.map((c) => `${c}=${JSON.stringify(row[c])}`).join(', ')} differ from the action log` });
        }
      } catch (error) {
        problems.push({ ...where, message: `the action log cannot be replayed: ${(error as Error).message}` });
      }
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return { cases, problems };
    after = last.id;
  }
}
