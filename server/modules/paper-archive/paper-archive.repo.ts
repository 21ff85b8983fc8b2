import { type Kysely, sql } from 'kysely';
import type { Database, PaperFileActionsTable, PaperFilesTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Kysely<Database> | Tx;

/** A case is decided (its paper file due for binding) once approved; completion keeps it so. */
export const DECIDED_STATUSES = ['approved', 'completed'] as const;

export interface Place {
  boxNo: string;
  volumeNo: string;
  sequence: number;
}

/** A case with its station and its paper file, if bound: what filing, presenting and authorizing need. */
function withFile(db: Q) {
  return db
    .selectFrom('cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('paper_files as p', 'p.case_id', 'c.id')
    .leftJoin('users as b', 'b.id', 'p.bound_by')
    .select([
      'c.id as case_id',
      'c.case_no',
      'c.status',
      'c.decided_at',
      'c.applicant_name',
      'c.subtype_code',
      'c.catalog_version',
      'c.unit_id',
      'u.name as unit_name',
      'u.name_en as unit_name_en',
      'u.path as unit_path',
      'p.box_no',
      'p.volume_no',
      'p.sequence',
      'p.bound_by',
      'p.bound_at',
      'p.moved_at',
      'p.version',
      'b.display_name as bound_by_name',
    ]);
}

export type PaperFileRow = Awaited<ReturnType<ReturnType<typeof withFile>['executeTakeFirstOrThrow']>>;

export function findCaseWithFile(db: Q, caseId: string): Promise<PaperFileRow | undefined> {
  return withFile(db).where('c.id', '=', caseId).executeTakeFirst();
}

export function findCasesWithFile(db: Q, caseIds: readonly string[]): Promise<PaperFileRow[]> {
  return withFile(db).where('c.id', 'in', caseIds).execute();
}

/** The next free 件号 after the last one in the volume (1 for a new volume). */
export async function nextSequence(db: Q, unitId: string, boxNo: string, volumeNo: string): Promise<number> {
  const row = await db
    .selectFrom('paper_files')
    .select((eb) => eb.fn.max('sequence').as('last'))
    .where('unit_id', '=', unitId)
    .where('box_no', '=', boxNo)
    .where('volume_no', '=', volumeNo)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** The cases already filed at any of these places of one volume, with their numbers. */
export function findHolders(db: Q, unitId: string, boxNo: string, volumeNo: string, sequences: readonly number[]) {
  return db
    .selectFrom('paper_files as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select(['p.case_id', 'p.sequence', 'c.case_no'])
    .where('p.unit_id', '=', unitId)
    .where('p.box_no', '=', boxNo)
    .where('p.volume_no', '=', volumeNo)
    .where('p.sequence', 'in', sequences)
    .orderBy('p.sequence')
    .execute();
}

/** Files the case unless it or its place is taken meanwhile (a race another act won); true when filed. */
export async function insertPaperFile(tx: Tx, row: PaperFilesTable): Promise<boolean> {
  const result = await tx
    .insertInto('paper_files')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Moves a file if nobody changed it since it was read. Throws on a place taken meanwhile (the caller pre-checks). */
export async function updatePlace(tx: Tx, caseId: string, readVersion: number, place: Place, at: string): Promise<boolean> {
  const result = await tx
    .updateTable('paper_files')
    .set({ box_no: place.boxNo, volume_no: place.volumeNo, sequence: place.sequence, moved_at: at, version: readVersion + 1 })
    .where('case_id', '=', caseId)
    .where('version', '=', readVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function appendPaperAction(tx: Tx, row: PaperFileActionsTable): Promise<void> {
  await tx.insertInto('paper_file_actions').values(row).execute();
}

export async function lastPaperActionSeq(tx: Tx, caseId: string): Promise<number> {
  const row = await tx
    .selectFrom('paper_file_actions')
    .select((eb) => eb.fn.max('seq').as('last'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function listPaperActions(db: Q, caseId: string) {
  return db
    .selectFrom('paper_file_actions as a')
    .innerJoin('users', 'users.id', 'a.actor_id')
    .select(['a.seq', 'a.action', 'a.box_no', 'a.volume_no', 'a.sequence', 'a.at', 'a.reason', 'users.display_name as actor_name'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.seq')
    .execute();
}

export interface PaperFileFilter {
  /** null: every unit (the city). */
  unitIds: readonly string[] | null;
  state?: 'pending' | 'bound' | 'overdue';
  /** Decided before this instant and not bound: overdue (binding-schedule.ts). */
  overdueCutoff: string;
  boxNo?: string;
  volumeNo?: string;
  caseNo?: string;
}

function filtered(db: Q, filter: PaperFileFilter) {
  let query = withFile(db).where('c.status', 'in', DECIDED_STATUSES).where('c.decided_at', 'is not', null);
  if (filter.unitIds) query = query.where('c.unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : ['']);
  if (filter.state === 'bound') query = query.where('p.case_id', 'is not', null);
  if (filter.state === 'pending') query = query.where('p.case_id', 'is', null);
  if (filter.state === 'overdue') query = query.where('p.case_id', 'is', null).where('c.decided_at', '<', filter.overdueCutoff);
  if (filter.boxNo) query = query.where('p.box_no', '=', filter.boxNo);
  if (filter.volumeNo) query = query.where('p.volume_no', '=', filter.volumeNo);
  if (filter.caseNo) query = query.where('c.case_no', '=', filter.caseNo);
  return query;
}

/** Decided cases and their files: bound ones in shelf order, the others oldest decision first (the most pressing). */
export function listPaperFiles(db: Q, filter: PaperFileFilter, page: { offset: number; limit: number }): Promise<PaperFileRow[]> {
  const query = filtered(db, filter);
  const ordered =
    filter.state === 'bound'
      ? query.orderBy('u.path').orderBy('p.box_no').orderBy('p.volume_no').orderBy('p.sequence')
      : query.orderBy('c.decided_at').orderBy('c.id');
  return ordered.offset(page.offset).limit(page.limit).execute();
}

export async function countPaperFiles(db: Q, filter: PaperFileFilter): Promise<number> {
  const row = await filtered(db, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Per station: decided cases whose files await binding, and how many of those are overdue. */
export async function countUnboundByUnit(db: Q, unitIds: readonly string[] | null, overdueCutoff: string) {
  let query = db
    .selectFrom('cases as c')
    .leftJoin('paper_files as p', 'p.case_id', 'c.id')
    .select([
      'c.unit_id',
      (eb) => eb.fn.countAll().as('pending'),
      sql<number>`sum(case when c.decided_at < ${overdueCutoff} then 1 else 0 end)`.as('overdue'),
    ])
    .where('c.status', 'in', DECIDED_STATUSES)
    .where('c.decided_at', 'is not', null)
    .where('p.case_id', 'is', null)
    .groupBy('c.unit_id');
  if (unitIds) query = query.where('c.unit_id', 'in', unitIds.length > 0 ? unitIds : ['']);
  const rows = await query.execute();
  return rows.map((r) => ({ unitId: r.unit_id, pending: Number(r.pending), overdue: Number(r.overdue ?? 0) }));
}
