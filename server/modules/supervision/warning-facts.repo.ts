import { type Kysely, sql } from 'kysely';
import type { Database, UnitKind } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { PageTimes } from './rules/capture-limit-facts.ts';

type Q = Kysely<Database> | Tx;

/**
 * The SQL the warning rules read their facts with: for one case on an act, and in batches over what
 * passed since the last sweep. Every sweep query is a range on an index (a deadline, a capture time,
 * the trail's seq), never a walk over every case.
 */

/** The pages of these cases with when each came and went, removed ones included (the rules read them as of an instant). */
export async function listPageTimesOfCases(db: Q, caseIds: readonly string[]): Promise<Map<string, PageTimes[]>> {
  const byCase = new Map<string, PageTimes[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await db
    .selectFrom('case_images')
    .select(['case_id', 'material_code', 'captured_at', 'removed_at'])
    .where('case_id', 'in', caseIds)
    .execute();
  for (const r of rows) {
    const pages = byCase.get(r.case_id) ?? [];
    pages.push({ materialCode: r.material_code, capturedAt: r.captured_at, removedAt: r.removed_at });
    byCase.set(r.case_id, pages);
  }
  return byCase;
}

export interface ReuseOfImage {
  imageId: string;
  otherImageId: string;
  otherCaseId: string;
  otherCaseNo: string;
  distance: number;
}

/** The reuse findings capture wrote for these pages (image_reuse, keyed by the later page). */
export async function listReuseOfImages(db: Q, imageIds: readonly string[]): Promise<ReuseOfImage[]> {
  if (imageIds.length === 0) return [];
  const rows = await db
    .selectFrom('image_reuse')
    .innerJoin('cases', 'cases.id', 'image_reuse.other_case_id')
    .select(['image_reuse.image_id', 'image_reuse.other_image_id', 'image_reuse.other_case_id', 'cases.case_no', 'image_reuse.distance'])
    .where('image_reuse.image_id', 'in', imageIds)
    .orderBy('image_reuse.image_id')
    .orderBy('image_reuse.other_image_id')
    .execute();
  return rows.map((r) => ({
    imageId: r.image_id,
    otherImageId: r.other_image_id,
    otherCaseId: r.other_case_id,
    otherCaseNo: r.case_no,
    distance: r.distance,
  }));
}

export interface UnitPlace {
  id: string;
  kind: UnitKind;
  path: string;
}

/** A unit and its ancestors (the units whose path starts the given one). */
export function listUnitsAbove(db: Q, path: string): Promise<UnitPlace[]> {
  return db
    .selectFrom('units')
    .select(['id', 'kind', 'path'])
    .where(sql<boolean>`substr(${path}, 1, length(path)) = path`)
    .execute();
}

export function listAllUnitPlaces(db: Q): Promise<UnitPlace[]> {
  return db.selectFrom('units').select(['id', 'kind', 'path']).execute();
}

/** A window of instants, exclusive below and inclusive above, and where the previous batch stopped. */
export interface Window {
  after: string;
  until: string;
}

export interface Cursor {
  at: string;
  id: string;
}

/** Cases whose capture limit falls in the window, by the limit (index cases_capture_deadline). */
export function listCasesByCaptureDeadline(db: Q, window: Window, cursor: Cursor | null, limit: number) {
  let query = db
    .selectFrom('cases')
    .select(['id', 'unit_id', 'capture_deadline', 'closed_at', 'catalog_version', 'subtype_code'])
    .where('capture_deadline', '>', window.after)
    .where('capture_deadline', '<=', window.until);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([eb('capture_deadline', '>', cursor.at), eb.and([eb('capture_deadline', '=', cursor.at), eb('id', '>', cursor.id)])]),
    );
  }
  return query.orderBy('capture_deadline').orderBy('id').limit(limit).execute();
}

/** Cases under approval whose approval limit falls in the window (index cases_status_approval). */
export function listSubmittedByApprovalDeadline(db: Q, window: Window, cursor: Cursor | null, limit: number) {
  let query = db
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .select([
      'cases.id',
      'cases.unit_id',
      'units.path as unit_path',
      'cases.submitted_at',
      'cases.approval_deadline',
      'cases.chain_step',
      'cases.catalog_version',
      'cases.subtype_code',
    ])
    .where('cases.status', '=', 'submitted')
    .where('cases.approval_deadline', '>', window.after)
    .where('cases.approval_deadline', '<=', window.until);
  if (cursor) {
    query = query.where((eb) =>
      eb.or([eb('cases.approval_deadline', '>', cursor.at), eb.and([eb('cases.approval_deadline', '=', cursor.at), eb('cases.id', '>', cursor.id)])]),
    );
  }
  return query.orderBy('cases.approval_deadline').orderBy('cases.id').limit(limit).execute();
}

/**
 * Pages captured in the window that a page rule concerns: late, 补录, or found reused (index
 * case_images_captured_at), in order of capture and case, so an act's pages come together.
 */
export function listNotablePagesCaptured(db: Q, window: Window, cursor: { at: string; caseId: string; id: string } | null, limit: number) {
  let query = db
    .selectFrom('case_images')
    .innerJoin('cases', 'cases.id', 'case_images.case_id')
    .select([
      'case_images.id',
      'case_images.case_id',
      'case_images.material_code',
      'case_images.captured_at',
      'case_images.late',
      'case_images.supplement_reason',
      'cases.unit_id',
      'cases.capture_deadline',
    ])
    .where('case_images.captured_at', '>', window.after)
    .where('case_images.captured_at', '<=', window.until)
    .where((eb) =>
      eb.or([
        eb('case_images.late', '=', 1),
        eb('case_images.supplement_reason', 'is not', null),
        eb.exists(eb.selectFrom('image_reuse').select('image_reuse.image_id').whereRef('image_reuse.image_id', '=', 'case_images.id')),
      ]),
    );
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('case_images.captured_at', '>', cursor.at),
        eb.and([eb('case_images.captured_at', '=', cursor.at), eb('case_images.case_id', '>', cursor.caseId)]),
        eb.and([eb('case_images.captured_at', '=', cursor.at), eb('case_images.case_id', '=', cursor.caseId), eb('case_images.id', '>', cursor.id)]),
      ]),
    );
  }
  return query.orderBy('case_images.captured_at').orderBy('case_images.case_id').orderBy('case_images.id').limit(limit).execute();
}

/** The status each 补录 act found its case in (`from` in the action's detail), by case and instant. */
export async function supplementActsFrom(db: Q, acts: readonly { caseId: string; at: string }[]): Promise<Map<string, string>> {
  const from = new Map<string, string>();
  if (acts.length === 0) return from;
  const rows = await db
    .selectFrom('case_actions')
    .select(['case_id', 'at', 'detail'])
    .where('action', '=', 'supplement')
    .where(
      'case_id',
      'in',
      acts.map((a) => a.caseId),
    )
    .where(
      'at',
      'in',
      acts.map((a) => a.at),
    )
    .execute();
  for (const r of rows) {
    const detail = JSON.parse(r.detail) as { from?: unknown };
    if (typeof detail.from === 'string') from.set(`${r.case_id}/${r.at}`, detail.from);
  }
  return from;
}

/** The trail's last seq now: how far this sweep reads it. */
export async function lastAuditSeq(db: Q): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Refusals of auxiliaries in the trail in (afterSeq, uptoSeq], from the partial index (the literal must match it). */
export function listAuxiliaryRefusalsAfter(db: Q, afterSeq: number, uptoSeq: number, limit: number) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('users', 'users.id', 'e.actor_id')
    .leftJoin('cases', 'cases.id', 'e.case_id')
    .select(['e.seq', 'e.at', 'e.action', 'e.actor_id', 'e.actor_unit_id', 'e.case_id', 'users.display_name', 'cases.unit_id as case_unit_id'])
    .where('e.reason', '=', sql.lit('AUXILIARY_NOT_PERMITTED'))
    .where('e.seq', '>', afterSeq)
    .where('e.seq', '<=', uptoSeq)
    .orderBy('e.seq')
    .limit(limit)
    .execute();
}

export function loadSweepMarks(db: Q) {
  return db.selectFrom('warning_sweep').selectAll().where('id', '=', 'current').executeTakeFirst();
}

export async function saveSweepMarks(tx: Tx, marks: { sweptUntil: string; auditSeq: number }, at: string): Promise<void> {
  const values = { swept_until: marks.sweptUntil, audit_seq: marks.auditSeq, updated_at: at };
  await tx
    .insertInto('warning_sweep')
    .values({ id: 'current', ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
