import { type Expression, type ExpressionBuilder, type Kysely, sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { openCaseIdNumber } from '../population/case-protection.ts';
import type { KeyRing } from '../population/id-protection.ts';
import type { ChainStepKey, RequiredPages } from './catalog-facts.ts';
import { pendingAtCondition } from './cases.repo.ts';
import type { CaseStatus } from './workflow.ts';

/** One group of a workbench: which cases it holds. Instants are ISO-8601 UTC, bounds exclusive. */
export interface WorkbenchFilter {
  unitIds: readonly string[];
  statuses: readonly CaseStatus[];
  /** Whether every required material has its minimum pages (catalog-facts.ts requiredPages). */
  materials?: { complete: boolean; required: readonly RequiredPages[] };
  pendingAt?: readonly ChainStepKey[];
  captureDeadlineBefore?: string;
  approvalDeadlineBefore?: string;
}

export type WorkbenchOrder = 'capture_deadline' | 'approval_deadline' | 'updated_at';

const never = sql<SqlBool>`1 = 0`;

/**
 * A required material of the case's catalog version and sub-type has fewer pages than its minimum.
 * The requirements travel as a VALUES list, whose columns both databases name column1, column2, …
 */
function lacksRequiredPages(required: readonly RequiredPages[]): Expression<SqlBool> {
  if (required.length === 0) return never;
  const rows = sql.join(required.map((r) => sql`(${r.catalogVersion}, ${r.subtypeCode}, ${r.materialCode}, ${sql.lit(r.minPages)})`));
  return sql<SqlBool>`exists (
    select 1 from (values ${rows}) as req
    where req.column1 = cases.catalog_version and req.column2 = cases.subtype_code
      and req.column4 > (select count(*) from case_images where case_images.case_id = cases.id and case_images.material_code = req.column3 and case_images.removed_at is null))`;
}

function matches(eb: ExpressionBuilder<Database, 'cases'>, filter: WorkbenchFilter): Expression<SqlBool> {
  if (filter.unitIds.length === 0 || filter.statuses.length === 0) return never;
  const conditions: Expression<SqlBool>[] = [eb('cases.unit_id', 'in', filter.unitIds), eb('cases.status', 'in', filter.statuses)];
  if (filter.materials) {
    const lacking = lacksRequiredPages(filter.materials.required);
    conditions.push(filter.materials.complete ? eb.not(lacking) : lacking);
  }
  if (filter.pendingAt) conditions.push(pendingAtCondition(eb, filter.pendingAt));
  if (filter.captureDeadlineBefore) conditions.push(eb('cases.capture_deadline', '<', filter.captureDeadlineBefore));
  if (filter.approvalDeadlineBefore) conditions.push(eb('cases.approval_deadline', '<', filter.approvalDeadlineBefore));
  return eb.and(conditions);
}

export async function countWorkbenchCases(db: Kysely<Database>, filter: WorkbenchFilter): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where((eb) => matches(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Cases per unit, for units that have any. */
export async function countWorkbenchCasesByUnit(db: Kysely<Database>, filter: WorkbenchFilter): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['cases.unit_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where((eb) => matches(eb, filter))
    .groupBy('cases.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/** The first cases of a group in order, with the applicant's number opened for masking (not the fields). */
export async function listWorkbenchCases(db: Kysely<Database>, ring: KeyRing, filter: WorkbenchFilter, order: WorkbenchOrder, limit: number) {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .selectAll('cases')
    .select(['units.name as unit_name'])
    .where((eb) => matches(eb, filter))
    .orderBy(`cases.${order}`)
    .orderBy('cases.id')
    .limit(limit)
    .execute();
  return rows.map(({ applicant_id_index: _index, ...row }) => ({ ...row, applicant_id_number: openCaseIdNumber(ring, row) }));
}

/** What capture found of the pages a unit captured in a period (cases.schema.ts CaptureFindingsSchema). */
export interface CaptureFindingCounts {
  pages: number;
  supplementPages: number;
  latePages: number;
  qualityOverrides: number;
  reusedPages: number;
}

/** Pages captured from an instant on, per unit of their case, with what capture found; removed pages left out. */
export async function countCaptureFindingsByUnit(
  db: Kysely<Database>,
  unitIds: readonly string[],
  since: string,
): Promise<Map<string, CaptureFindingCounts>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_images')
    .innerJoin('cases', 'cases.id', 'case_images.case_id')
    .select((eb) => {
      const countWhen = (condition: Expression<SqlBool>) => eb.fn.sum<string | number>(eb.case().when(condition).then(1).else(0).end());
      return [
        'cases.unit_id',
        eb.fn.countAll<string | number>().as('pages'),
        countWhen(eb('case_images.supplement_reason', 'is not', null)).as('supplement_pages'),
        countWhen(eb('case_images.late', '=', 1)).as('late_pages'),
        countWhen(eb('case_images.quality_override_reason', 'is not', null)).as('quality_overrides'),
        countWhen(eb.exists(eb.selectFrom('image_reuse').select('image_reuse.image_id').whereRef('image_reuse.image_id', '=', 'case_images.id'))).as(
          'reused_pages',
        ),
      ];
    })
    .where('cases.unit_id', 'in', unitIds)
    .where('case_images.captured_at', '>=', since)
    .where('case_images.removed_at', 'is', null)
    .groupBy('cases.unit_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.unit_id,
      {
        pages: Number(r.pages),
        supplementPages: Number(r.supplement_pages),
        latePages: Number(r.late_pages),
        qualityOverrides: Number(r.quality_overrides),
        reusedPages: Number(r.reused_pages),
      },
    ]),
  );
}
