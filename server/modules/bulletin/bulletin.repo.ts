import { type Expression, type ExpressionBuilder, type Kysely, sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { BulletinFigures } from './bulletin-figures.ts';

type Q = Kysely<Database> | Tx;

/** [from, to) as ISO instants; `asOf`: now, for which capture limits have passed. */
export interface BulletinRange {
  from: string;
  to: string;
  asOf: string;
}

type Counts = Map<string, Partial<BulletinFigures>>;

const n = (value: string | number | null | undefined) => Number(value ?? 0);

function notHistorical(eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> {
  return eb.not(eb.exists(eb.selectFrom('history_imports').select('history_imports.case_id').whereRef('history_imports.case_id', '=', 'cases.id')));
}

/**
 * Cases accepted in the month per station (index cases_accepted_unit), with those whose capture limit
 * has passed (a case withdrawn within its limit owes nothing) and, of those, the ones that had a page
 * standing at the limit: captured by then and not removed by then.
 */
async function acceptedCounts(db: Q, range: BulletinRange): Promise<Counts> {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => {
      const due = eb.and([
        eb('cases.capture_deadline', '<=', range.asOf),
        eb.not(eb.and([eb('cases.status', '=', 'withdrawn'), eb('cases.closed_at', '<=', eb.ref('cases.capture_deadline'))])),
      ]);
      const pageByLimit = eb.exists(
        eb
          .selectFrom('case_images')
          .select('case_images.id')
          .whereRef('case_images.case_id', '=', 'cases.id')
          .whereRef('case_images.captured_at', '<=', 'cases.capture_deadline')
          .where((w) => w.or([w('case_images.removed_at', 'is', null), w('case_images.removed_at', '>', w.ref('cases.capture_deadline'))])),
      );
      const countWhen = (condition: Expression<SqlBool>) => eb.fn.sum<string | number>(eb.case().when(condition).then(1).else(0).end());
      return [
        'cases.unit_id',
        eb.fn.countAll<string | number>().as('accepted'),
        countWhen(due).as('capture_due'),
        countWhen(eb.and([due, pageByLimit])).as('captured_in_time'),
      ];
    })
    .where('cases.accepted_at', '>=', range.from)
    .where('cases.accepted_at', '<', range.to)
    .where(notHistorical)
    .groupBy('cases.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { accepted: n(r.accepted), captureDue: n(r.capture_due), capturedInTime: n(r.captured_in_time) }]));
}

/** 办结: cases completed in the month per station (index cases_closed_unit, migration 0021). */
async function completedCounts(db: Q, range: BulletinRange): Promise<Counts> {
  const rows = await db
    .selectFrom('cases')
    .select(['cases.unit_id', (eb) => eb.fn.countAll<string | number>().as('completed')])
    .where('cases.closed_at', '>=', range.from)
    .where('cases.closed_at', '<', range.to)
    .where('cases.status', '=', 'completed')
    .where(notHistorical)
    .groupBy('cases.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { completed: n(r.completed) }]));
}

/**
 * Warnings whose fact happened in the month, per answerable unit (index warnings_occurred): 未上传 and
 * 不齐全 at the station, 审批超期 at the level it waited. Resolved warnings count too: the fact stays.
 */
async function warningCounts(db: Q, range: BulletinRange): Promise<Counts> {
  const rows = await db
    .selectFrom('warnings')
    .select((eb) => {
      const countWhen = (condition: Expression<SqlBool>) => eb.fn.sum<string | number>(eb.case().when(condition).then(1).else(0).end());
      return [
        'warnings.unit_id',
        countWhen(eb('warnings.rule', 'in', ['not_uploaded', 'incomplete'])).as('non_compliant'),
        countWhen(eb('warnings.rule', '=', 'approval_overdue')).as('overdue_approvals'),
      ];
    })
    .where('warnings.occurred_at', '>=', range.from)
    .where('warnings.occurred_at', '<', range.to)
    .where('warnings.rule', 'in', ['not_uploaded', 'incomplete', 'approval_overdue'])
    .groupBy('warnings.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { nonCompliant: n(r.non_compliant), overdueApprovals: n(r.overdue_approvals) }]));
}

/** Cases with 补录 or late pages captured in the month, per station of the case (index case_images_captured_at). */
async function captureCounts(db: Q, range: BulletinRange): Promise<Counts> {
  const rows = await db
    .selectFrom('case_images')
    .innerJoin('cases', 'cases.id', 'case_images.case_id')
    .select([
      'cases.unit_id',
      sql<string | number>`count(distinct case when case_images.supplement_reason is not null then case_images.case_id end)`.as('supplement_cases'),
      sql<string | number>`count(distinct case when case_images.late = 1 then case_images.case_id end)`.as('late_cases'),
    ])
    .where('case_images.captured_at', '>=', range.from)
    .where('case_images.captured_at', '<', range.to)
    .where('case_images.removed_at', 'is', null)
    .where((eb) => eb.or([eb('case_images.supplement_reason', 'is not', null), eb('case_images.late', '=', 1)]))
    .groupBy('cases.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, { supplementCases: n(r.supplement_cases), lateCases: n(r.late_cases) }]));
}

/** The month's own figures per unit (not rolled up), for the units that have any. */
export async function countBulletinFigures(db: Q, range: BulletinRange): Promise<Counts[]> {
  return Promise.all([acceptedCounts(db, range), completedCounts(db, range), warningCounts(db, range), captureCounts(db, range)]);
}
