import { type Expression, type ExpressionBuilder, type Kysely, sql, type SqlBool } from 'kysely';
import { dialectOps } from '../../db/dialect.ts';
import type { Database, WarningActionsTable, WarningsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { RuleCode } from './rules/rule-codes.ts';
import type { WarningLogEntry, WarningProjection, WarningState } from './warning-projection.ts';
import { warningProjectedColumns } from './warning-projection.ts';

type Q = Kysely<Database> | Tx;

/** Inserts the warning unless its fact (rule, fact_key) has one already; true when this call raised it. */
export async function insertWarningIfNew(tx: Tx, row: WarningsTable): Promise<boolean> {
  const result = await tx
    .insertInto('warnings')
    .values(row)
    .onConflict((oc) => oc.columns(['rule', 'fact_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function appendWarningAction(tx: Tx, row: WarningActionsTable): Promise<void> {
  await tx.insertInto('warning_actions').values(row).execute();
}

export async function listWarningActions(db: Q, warningId: string): Promise<(WarningLogEntry & { actorName: string | null })[]> {
  const rows = await db
    .selectFrom('warning_actions as a')
    .leftJoin('users', 'users.id', 'a.actor_id')
    .select(['a.seq', 'a.action', 'a.actor_id', 'a.at', 'a.note', 'users.display_name'])
    .where('a.warning_id', '=', warningId)
    .orderBy('a.seq')
    .execute();
  return rows.map((r) => ({ seq: r.seq, action: r.action, actorId: r.actor_id, at: r.at, note: r.note, actorName: r.display_name }));
}

/** Writes the new projection if nobody changed the warning since it was read. */
export async function updateWarningProjection(tx: Tx, id: string, readVersion: number, projection: WarningProjection): Promise<boolean> {
  const result = await tx
    .updateTable('warnings')
    .set(warningProjectedColumns(projection))
    .where('id', '=', id)
    .where('version', '=', readVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Which of a case's facts already have their warning, as `rule|fact_key`. */
export async function warnedFactsOfCase(db: Q, caseId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('warnings').select(['rule', 'fact_key']).where('case_id', '=', caseId).execute();
  return new Set(rows.map((r) => `${r.rule}|${r.fact_key}`));
}

/** A warning with what presenting and authorizing it need: unit names and paths, its case's number and applicant. */
function withContext(db: Q) {
  return db
    .selectFrom('warnings as w')
    .innerJoin('units as u', 'u.id', 'w.unit_id')
    .leftJoin('units as cu', 'cu.id', 'w.case_unit_id')
    .leftJoin('cases as c', 'c.id', 'w.case_id')
    .leftJoin('users as ua', 'ua.id', 'w.acknowledged_by')
    .leftJoin('users as ur', 'ur.id', 'w.resolved_by')
    .selectAll('w')
    .select([
      'u.name as unit_name',
      'u.name_en as unit_name_en',
      'u.path as unit_path',
      'cu.path as case_unit_path',
      'cu.name as case_unit_name',
      'c.case_no',
      'c.applicant_name',
      'c.subtype_code',
      'c.catalog_version',
      'ua.display_name as acknowledged_by_name',
      'ur.display_name as resolved_by_name',
    ]);
}

export type WarningRow = Awaited<ReturnType<ReturnType<typeof withContext>['executeTakeFirstOrThrow']>>;

export function findWarning(db: Q, id: string): Promise<WarningRow | undefined> {
  return withContext(db).where('w.id', '=', id).executeTakeFirst();
}

/** The warning row locked for an act (PostgreSQL FOR UPDATE; SQLite has one writer). */
export async function lockWarning(tx: Tx, id: string): Promise<boolean> {
  const query = tx.selectFrom('warnings').select('id').where('id', '=', id);
  return (await dialectOps(tx).forUpdate(query, 'warnings').executeTakeFirst()) !== undefined;
}

/** A case's warnings not yet resolved, oldest first, for the case page. */
export function listOpenWarningsOfCase(db: Q, caseId: string) {
  return db
    .selectFrom('warnings')
    .select(['id', 'rule', 'state', 'occurred_at', 'raised_at', 'detail', 'unit_id'])
    .where('case_id', '=', caseId)
    .where('state', '<>', 'resolved')
    .orderBy('raised_at')
    .orderBy('id')
    .execute();
}

/** What a list of warnings narrows to. Instants are ISO UTC; `raisedBefore` exclusive. */
export interface WarningFilter {
  /** Warnings whose answerable unit or case station is one of these; null: all. */
  unitIds: readonly string[] | null;
  states?: readonly WarningState[];
  rule?: RuleCode;
  caseId?: string;
  raisedFrom?: string;
  raisedBefore?: string;
}

function matches(eb: ExpressionBuilder<Database & { w: WarningsTable }, 'w'>, filter: WarningFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.unitIds !== null) {
    if (filter.unitIds.length === 0) return sql<SqlBool>`1 = 0`;
    conditions.push(eb.or([eb('w.unit_id', 'in', filter.unitIds), eb('w.case_unit_id', 'in', filter.unitIds)]));
  }
  if (filter.states && filter.states.length > 0) conditions.push(eb('w.state', 'in', filter.states));
  if (filter.rule) conditions.push(eb('w.rule', '=', filter.rule));
  if (filter.caseId) conditions.push(eb('w.case_id', '=', filter.caseId));
  if (filter.raisedFrom) conditions.push(eb('w.raised_at', '>=', filter.raisedFrom));
  if (filter.raisedBefore) conditions.push(eb('w.raised_at', '<', filter.raisedBefore));
  return eb.and(conditions);
}

export async function countWarnings(db: Q, filter: WarningFilter): Promise<number> {
  const row = await db
    .selectFrom('warnings as w')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where((eb) => matches(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of warnings, newest first. */
export function listWarnings(db: Q, filter: WarningFilter, page: { offset: number; limit: number }): Promise<WarningRow[]> {
  return withContext(db)
    .where((eb) => matches(eb, filter))
    .orderBy('w.raised_at', 'desc')
    .orderBy('w.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

/** For `hukou verify`: warnings in id order after `afterId`, with their stored projection. */
export function listWarningsForProjectionCheck(db: Q, afterId: string, limit: number): Promise<WarningsTable[]> {
  return db.selectFrom('warnings').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function listActionsOfWarnings(db: Q, ids: readonly string[]): Promise<Map<string, WarningLogEntry[]>> {
  const logs = new Map<string, WarningLogEntry[]>();
  if (ids.length === 0) return logs;
  const rows = await db.selectFrom('warning_actions').selectAll().where('warning_id', 'in', ids).orderBy('warning_id').orderBy('seq').execute();
  for (const r of rows) {
    const log = logs.get(r.warning_id) ?? [];
    log.push({ seq: r.seq, action: r.action, actorId: r.actor_id, at: r.at, note: r.note });
    logs.set(r.warning_id, log);
  }
  return logs;
}
