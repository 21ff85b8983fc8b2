import { type Kysely, sql } from 'kysely';
import type { Database, PaperVerificationsTable, SpotCheckItemsTable, SpotCheckRoundsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Kysely<Database> | Tx;

/** Candidates are capped so that a very busy period still draws in one quick read (newest decided first). */
export const MAX_CANDIDATES = 5000;

export interface Candidate {
  id: string;
  unit_id: string;
  subtype_code: string;
  accepted_by: string;
}

/** Decided cases of stations under `scopePath`, decided in [start, end), not yet drawn by this checker. */
export function listCandidates(db: Q, scope: { scopePath: string; start: string; end: string; checkerUnitId: string }): Promise<Candidate[]> {
  return db
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .select(['cases.id', 'cases.unit_id', 'cases.subtype_code', 'cases.accepted_by'])
    .where('units.path', 'like', `${scope.scopePath}%`)
    .where('cases.decided_at', '>=', scope.start)
    .where('cases.decided_at', '<', scope.end)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('spot_check_items')
            .innerJoin('spot_check_rounds', 'spot_check_rounds.id', 'spot_check_items.round_id')
            .select('spot_check_items.case_id')
            .whereRef('spot_check_items.case_id', '=', 'cases.id')
            .where('spot_check_rounds.checker_unit_id', '=', scope.checkerUnitId),
        ),
      ),
    )
    .orderBy('cases.decided_at', 'desc')
    .orderBy('cases.id')
    .limit(MAX_CANDIDATES)
    .execute();
}

/** Warnings (any state) per case, for the cases decided in the window under the scope. */
export async function countWarningsPerCase(db: Q, scope: { scopePath: string; start: string; end: string }): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('warnings')
    .innerJoin('cases', 'cases.id', 'warnings.case_id')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .select(['warnings.case_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('units.path', 'like', `${scope.scopePath}%`)
    .where('cases.decided_at', '>=', scope.start)
    .where('cases.decided_at', '<', scope.end)
    .groupBy('warnings.case_id')
    .execute();
  return new Map(rows.map((r) => [r.case_id as string, Number(r.n)]));
}

export interface ReturnRate {
  key: string;
  total: number;
  returned: number;
}

/** Of the cases accepted under the scope since `since`: how many, and how many were ever returned, per sub-type or per accepting officer. */
export async function returnRates(db: Q, scope: { scopePath: string; since: string }, by: 'subtype_code' | 'accepted_by'): Promise<ReturnRate[]> {
  const returned = sql<number>`sum(case when exists (select 1 from case_actions ca where ca.case_id = cases.id and ca.action = 'return') then 1 else 0 end)`;
  const rows = await db
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .select([`cases.${by} as key`, (eb) => eb.fn.countAll<number | string>().as('total'), returned.as('returned')])
    .where('units.path', 'like', `${scope.scopePath}%`)
    .where('cases.accepted_at', '>=', scope.since)
    .groupBy(`cases.${by}`)
    .execute();
  return rows.map((r) => ({ key: r.key, total: Number(r.total), returned: Number(r.returned ?? 0) }));
}

export async function insertRound(tx: Tx, round: SpotCheckRoundsTable, items: SpotCheckItemsTable[]): Promise<void> {
  await tx.insertInto('spot_check_rounds').values(round).execute();
  if (items.length > 0) await tx.insertInto('spot_check_items').values(items).execute();
}

export type RoundRow = SpotCheckRoundsTable & {
  checker_unit_name: string;
  checker_unit_name_en: string;
  checker_unit_path: string;
  created_by_name: string;
  /** Sampled cases with a finding recorded. */
  checked_count: number | string | null;
};

function roundQuery(db: Q) {
  return db
    .selectFrom('spot_check_rounds')
    .innerJoin('units', 'units.id', 'spot_check_rounds.checker_unit_id')
    .innerJoin('users', 'users.id', 'spot_check_rounds.created_by')
    .selectAll('spot_check_rounds')
    .select((eb) => [
      'units.name as checker_unit_name',
      'units.name_en as checker_unit_name_en',
      'units.path as checker_unit_path',
      'users.display_name as created_by_name',
      // A correlated count on the items' primary key (round_id first): one query for a whole page of rounds.
      eb
        .selectFrom('spot_check_items')
        .select((sub) => sub.fn.countAll<number | string>().as('n'))
        .whereRef('spot_check_items.round_id', '=', 'spot_check_rounds.id')
        .where('spot_check_items.result', 'is not', null)
        .as('checked_count'),
    ]);
}

export function findRound(db: Q, id: string): Promise<RoundRow | undefined> {
  return roundQuery(db).where('spot_check_rounds.id', '=', id).executeTakeFirst();
}

/** Rounds whose checking unit is under `scopePath`, newest first. */
export function listRounds(db: Q, scopePath: string, page: { offset: number; limit: number }): Promise<RoundRow[]> {
  return roundQuery(db)
    .where('units.path', 'like', `${scopePath}%`)
    .orderBy('spot_check_rounds.created_at', 'desc')
    .orderBy('spot_check_rounds.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countRounds(db: Q, scopePath: string): Promise<number> {
  const row = await db
    .selectFrom('spot_check_rounds')
    .innerJoin('units', 'units.id', 'spot_check_rounds.checker_unit_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('units.path', 'like', `${scopePath}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ItemRow = SpotCheckItemsTable & {
  case_no: string;
  catalog_version: string;
  subtype_code: string;
  applicant_name: string;
  decided_at: string | null;
  station_name: string;
  station_name_en: string;
  checked_by_name: string | null;
};

export function listItems(db: Q, roundId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('spot_check_items')
    .innerJoin('cases', 'cases.id', 'spot_check_items.case_id')
    .innerJoin('units', 'units.id', 'spot_check_items.case_unit_id')
    .leftJoin('users', 'users.id', 'spot_check_items.checked_by')
    .selectAll('spot_check_items')
    .select([
      'cases.case_no',
      'cases.catalog_version',
      'cases.subtype_code',
      'cases.applicant_name',
      'cases.decided_at',
      'units.name as station_name',
      'units.name_en as station_name_en',
      'users.display_name as checked_by_name',
    ])
    .where('spot_check_items.round_id', '=', roundId)
    .orderBy('spot_check_items.position')
    .execute();
}

/** Takes the round's row lock (PostgreSQL; SQLite has one writer) by bumping its version; false when it moved on. */
export async function bumpRound(tx: Tx, roundId: string, version: number, set: Partial<SpotCheckRoundsTable> = {}): Promise<boolean> {
  const result = await tx
    .updateTable('spot_check_rounds')
    .set({ ...set, version: version + 1 })
    .where('id', '=', roundId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordFinding(
  tx: Tx,
  key: { roundId: string; caseId: string },
  finding: Pick<SpotCheckItemsTable, 'result' | 'note' | 'doubtful' | 'checked_by' | 'checked_at'>,
): Promise<void> {
  await tx.updateTable('spot_check_items').set(finding).where('round_id', '=', key.roundId).where('case_id', '=', key.caseId).execute();
}

export async function insertPaperVerifications(tx: Tx, rows: PaperVerificationsTable[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('paper_verifications').values(rows).execute();
}

/** Open requests of one case in a round, by material (a finding recorded again does not ask twice). */
export async function paperRequestsOfItem(db: Q, roundId: string, caseId: string): Promise<PaperVerificationsTable[]> {
  return db.selectFrom('paper_verifications').selectAll().where('round_id', '=', roundId).where('case_id', '=', caseId).execute();
}

export type VerificationRow = PaperVerificationsTable & {
  case_no: string;
  catalog_version: string;
  subtype_code: string;
  applicant_name: string;
  station_name: string;
  station_name_en: string;
  station_path: string;
  checker_unit_name: string;
  requested_by_name: string;
  answered_by_name: string | null;
};

function verificationQuery(db: Q) {
  return db
    .selectFrom('paper_verifications as pv')
    .innerJoin('cases', 'cases.id', 'pv.case_id')
    .innerJoin('units as station', 'station.id', 'pv.station_unit_id')
    .innerJoin('units as checker', 'checker.id', 'pv.checker_unit_id')
    .innerJoin('users as requester', 'requester.id', 'pv.requested_by')
    .leftJoin('users as answerer', 'answerer.id', 'pv.answered_by')
    .selectAll('pv')
    .select([
      'cases.case_no',
      'cases.catalog_version',
      'cases.subtype_code',
      'cases.applicant_name',
      'station.name as station_name',
      'station.name_en as station_name_en',
      'station.path as station_path',
      'checker.name as checker_unit_name',
      'requester.display_name as requested_by_name',
      'answerer.display_name as answered_by_name',
    ]);
}

export function findVerification(db: Q, id: string): Promise<VerificationRow | undefined> {
  return verificationQuery(db).where('pv.id', '=', id).executeTakeFirst();
}

export interface VerificationFilter {
  /** The requests addressed to a station under this path, or asked by a checking unit under it. */
  scopePath: string;
  states?: readonly PaperVerificationsTable['state'][];
  roundId?: string;
}

export function listVerifications(db: Q, filter: VerificationFilter, limit: number): Promise<VerificationRow[]> {
  let query = verificationQuery(db).where((eb) =>
    eb.or([eb('station.path', 'like', `${filter.scopePath}%`), eb('checker.path', 'like', `${filter.scopePath}%`)]),
  );
  if (filter.states) query = query.where('pv.state', 'in', filter.states);
  if (filter.roundId) query = query.where('pv.round_id', '=', filter.roundId);
  return query.orderBy('pv.due_at').orderBy('pv.id').limit(limit).execute();
}

export async function answerVerification(
  tx: Tx,
  id: string,
  version: number,
  answer: Pick<PaperVerificationsTable, 'answer' | 'answer_note' | 'answered_by' | 'answered_at'>,
): Promise<boolean> {
  const result = await tx
    .updateTable('paper_verifications')
    .set({ ...answer, state: 'answered', version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '!=', 'answered')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Requests past their deadline and not answered nor yet escalated, oldest first. */
export function listDueForEscalation(db: Q, now: string, limit: number): Promise<PaperVerificationsTable[]> {
  return db
    .selectFrom('paper_verifications')
    .selectAll()
    .where('state', '=', 'requested')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks one request 逾期; false when someone answered or escalated it first. */
export async function markOverdue(tx: Tx, row: PaperVerificationsTable, at: string): Promise<boolean> {
  const result = await tx
    .updateTable('paper_verifications')
    .set({ state: 'overdue', escalated_at: at, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('state', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Checking units (branches, the city) under the scope, with the time of their last completed round. */
export async function checkersWithLastRound(db: Q, scopePath: string) {
  return db
    .selectFrom('units')
    .leftJoin('spot_check_rounds', (join) =>
      join.onRef('spot_check_rounds.checker_unit_id', '=', 'units.id').on('spot_check_rounds.state', '=', 'completed'),
    )
    .select(['units.id', 'units.name', 'units.name_en', 'units.kind', (eb) => eb.fn.max('spot_check_rounds.completed_at').as('last_completed_at')])
    .where('units.path', 'like', `${scopePath}%`)
    .where('units.kind', 'in', ['branch', 'city'])
    .groupBy(['units.id', 'units.name', 'units.name_en', 'units.kind'])
    .orderBy('units.path')
    .execute();
}

/** Overdue paper verifications asked by each checking unit. */
export async function overdueByChecker(db: Q): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('paper_verifications')
    .select(['checker_unit_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('state', '=', 'overdue')
    .groupBy('checker_unit_id')
    .execute();
  return new Map(rows.map((r) => [r.checker_unit_id, Number(r.n)]));
}
