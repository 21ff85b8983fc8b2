import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { CaseActionsTable, CaseImagesTable, CasesTable, Database } from '../../db/schema.ts';
import { dialectOps } from '../../db/dialect.ts';
import type { Tx } from '../../db/transaction.ts';
import { applicantIdIndexCandidates, openCaseIdNumber, openCaseRow, protectCaseRow } from '../population/case-protection.ts';
import type { KeyRing } from '../population/id-protection.ts';
import type { CaseStatus } from './workflow.ts';
import { type CaseProjection, type LoggedAction, projectedColumns } from './case-projection.ts';
import type { ChainStepKey } from './catalog-facts.ts';

type Q = Kysely<Database> | Tx;

/**
 * A case as the use cases see it: personal data in the clear. The repository is the only place
 * that sees it encrypted (population/case-protection.ts): it protects on the way in, opens on the
 * way out, and searches by the keyed blind index, so a copied database file holds no ID numbers.
 */
export type CaseRow = Omit<CasesTable, 'applicant_id_index'>;
export type CaseWithUnit = CaseRow & { unit_path: string; unit_name: string };

function selectCase(db: Q, id: string) {
  return db
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .selectAll('cases')
    .select(['units.path as unit_path', 'units.name as unit_name'])
    .where('cases.id', '=', id);
}

function opened(ring: KeyRing, row: (CasesTable & { unit_path: string; unit_name: string }) | undefined): CaseWithUnit | undefined {
  if (!row) return undefined;
  const { applicant_id_index: _index, ...rest } = openCaseRow(ring, row);
  return rest;
}

export async function findCase(db: Q, ring: KeyRing, id: string): Promise<CaseWithUnit | undefined> {
  return opened(ring, await selectCase(db, id).executeTakeFirst());
}

/**
 * Reads the case and holds its row lock until commit, so acts on one case queue instead of failing
 * their optimistic check under contention.
 */
export async function findCaseForAct(tx: Tx, ring: KeyRing, id: string): Promise<CaseWithUnit | undefined> {
  return opened(ring, await dialectOps(tx).forUpdate(selectCase(tx, id), 'cases').executeTakeFirst());
}

export async function insertCase(db: Q, ring: KeyRing, row: CaseRow): Promise<void> {
  await db.insertInto('cases').values(protectCaseRow(ring, row)).execute();
}

/**
 * Writes a case's new projection, exactly its projected columns, if the case is still at the
 * version it was read at: false when another act changed it in between.
 */
export async function updateCaseProjection(db: Q, id: string, readVersion: number, projection: CaseProjection): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set(projectedColumns(projection))
    .where('id', '=', id)
    .where('version', '=', readVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function appendCaseAction(db: Q, row: CaseActionsTable): Promise<void> {
  await db.insertInto('case_actions').values(row).execute();
}

/** The case's action log in order, as the projection reads it. */
export async function listCaseActions(db: Q, caseId: string): Promise<LoggedAction[]> {
  return db.selectFrom('case_actions').select(['seq', 'action', 'actor_id as actorId', 'at']).where('case_id', '=', caseId).orderBy('seq').execute();
}

/** The pages of a case in place now (not removed or replaced), by material and page number. */
export function listCaseImages(db: Q, caseId: string): Promise<CaseImagesTable[]> {
  return db
    .selectFrom('case_images')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .orderBy('material_code')
    .orderBy('page_no')
    .execute();
}

/** A page of a case (also one removed since: the trail may name it) with its original file's type and page count. */
export function findCaseImage(
  db: Q,
  caseId: string,
  imageId: string,
): Promise<(CaseImagesTable & { media_type: string; page_count: number }) | undefined> {
  return db
    .selectFrom('case_images')
    .innerJoin('blobs', 'blobs.sha256', 'case_images.blob_sha256')
    .selectAll('case_images')
    .select(['blobs.media_type', 'blobs.page_count'])
    .where('case_images.case_id', '=', caseId)
    .where('case_images.id', '=', imageId)
    .executeTakeFirst();
}

export async function insertCaseImage(db: Q, row: CaseImagesTable): Promise<void> {
  await db.insertInto('case_images').values(row).execute();
}

export async function countMaterialPages(db: Q, caseId: string, materialCode: string): Promise<number> {
  const row = await db
    .selectFrom('case_images')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('case_id', '=', caseId)
    .where('material_code', '=', materialCode)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Pages captured per material code of one case. */
export async function countPagesByMaterial(db: Q, caseId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('case_images')
    .select(['material_code', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .groupBy('material_code')
    .execute();
  return new Map(rows.map((r) => [r.material_code, Number(r.n)]));
}

/** Next number in the unit's daily sequence; atomic on both dialects through an upsert. */
export async function nextCaseCounter(db: Q, unitId: string, day: string): Promise<number> {
  const row = await db
    .insertInto('case_counters')
    .values({ unit_id: unitId, day, last_no: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last_no: sql`case_counters.last_no + 1` }))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return row.last_no;
}

export async function insertBlobIfAbsent(db: Q, row: Database['blobs']): Promise<void> {
  await db
    .insertInto('blobs')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export interface CaseSearchFilter {
  unitIds: string[] | null;
  caseNo?: string;
  idNumber?: string;
  name?: string;
  subtypeCode?: string;
  unitId?: string;
  status?: CaseStatus;
  /** UTC instants: from inclusive, before exclusive. */
  acceptedFrom?: string;
  acceptedBefore?: string;
  /** Submitted and waiting at one of these chain steps (catalog-facts.ts stepsPendingAt). */
  pendingAt?: readonly ChainStepKey[];
}

/** A submitted case waiting at one of these steps of its own catalog version's chain. */
export function pendingAtCondition(eb: ExpressionBuilder<Database, 'cases'>, steps: readonly ChainStepKey[]) {
  if (steps.length === 0) return sql<boolean>`1 = 0`;
  return eb.and([
    eb('cases.status', '=', 'submitted'),
    eb(
      eb.refTuple('cases.catalog_version', 'cases.subtype_code', 'cases.chain_step'),
      'in',
      steps.map((s) => eb.tuple(s.catalogVersion, s.subtypeCode, s.chainStep)),
    ),
  ]);
}

/** Newest first, keyset-paginated on (accepted_at, id) so deep pages stay as fast as the first. */
/** A page of search results; only the applicant's number is opened (for masking), not the fields. */
export async function searchCases(db: Q, ring: KeyRing, filter: CaseSearchFilter, limit: number, after?: { acceptedAt: string; id: string }) {
  let query = db.selectFrom('cases').innerJoin('units', 'units.id', 'cases.unit_id').selectAll('cases').select(['units.name as unit_name']);
  if (filter.unitIds) query = query.where('cases.unit_id', 'in', filter.unitIds);
  if (filter.unitId) query = query.where('cases.unit_id', '=', filter.unitId);
  if (filter.caseNo) query = query.where('cases.case_no', '=', filter.caseNo);
  if (filter.idNumber) query = query.where('cases.applicant_id_index', 'in', applicantIdIndexCandidates(ring, filter.idNumber));
  if (filter.name) query = query.where('cases.applicant_name', '=', filter.name);
  if (filter.subtypeCode) query = query.where('cases.subtype_code', '=', filter.subtypeCode);
  if (filter.status) query = query.where('cases.status', '=', filter.status);
  if (filter.acceptedFrom) query = query.where('cases.accepted_at', '>=', filter.acceptedFrom);
  if (filter.acceptedBefore) query = query.where('cases.accepted_at', '<', filter.acceptedBefore);
  const { pendingAt } = filter;
  if (pendingAt) query = query.where((eb) => pendingAtCondition(eb, pendingAt));
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('cases.accepted_at', '<', after.acceptedAt),
        eb.and([eb('cases.accepted_at', '=', after.acceptedAt), eb('cases.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('cases.accepted_at', 'desc').orderBy('cases.id', 'desc').limit(limit).execute();
  return rows.map(({ applicant_id_index: _index, ...row }) => ({ ...row, applicant_id_number: openCaseIdNumber(ring, row) }));
}

/** A page of cases in id order with what checking their projection needs. */
export function listCasesForProjectionCheck(db: Q, afterId: string, limit: number) {
  return db.selectFrom('cases').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** The action logs of several cases at once, each in order. */
export async function listActionsOfCases(db: Q, caseIds: readonly string[]): Promise<Map<string, LoggedAction[]>> {
  const logs = new Map<string, LoggedAction[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return logs;
  const rows = await db
    .selectFrom('case_actions')
    .select(['case_id', 'seq', 'action', 'actor_id as actorId', 'at'])
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('seq')
    .execute();
  for (const { case_id: caseId, ...entry } of rows) logs.get(caseId)?.push(entry);
  return logs;
}
