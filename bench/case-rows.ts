import { randomUUID } from 'node:crypto';
import type { CaseImagesTable, CasesTable } from '../server/db/schema.ts';
import { formatCaseNo } from '../server/modules/cases/case-number.ts';
import { projectCase } from '../server/modules/cases/case-projection.ts';
import { protectCaseRow } from '../server/modules/population/case-protection.ts';
import type { KeyRing } from '../server/modules/population/id-protection.ts';
import { beijingDay } from '../server/time/beijing-day.ts';
import { type PlannedCase, stateAt } from './workload.ts';

/**
 * The one place where the bench builds rows of the cases table itself (the bulk load of the search
 * archive); everything else the bench stores goes through the HTTP API. A change to how the server
 * stores a case must be mirrored here, and only here.
 */

/** Column order of the bulk insert; every column of the cases table (server/db/schema.ts). */
export const CASE_COLUMNS = [
  'id',
  'case_no',
  'catalog_version',
  'subtype_code',
  'unit_id',
  'status',
  'chain_step',
  'applicant_name',
  'applicant_id_number',
  'applicant_phone',
  'fields',
  'accepted_by',
  'accepted_at',
  'capture_deadline',
  'submitted_at',
  'approval_deadline',
  'decided_at',
  'closed_at',
  'version',
  'updated_at',
  'applicant_id_index',
] as const satisfies readonly (keyof CasesTable)[];

// Fails to compile, naming the column, when the cases table gains a column the bulk insert would
// leave out (a new column must be filled in caseRowDraft, or in protectForStorage for secrets).
type MissingColumn = Exclude<keyof CasesTable, (typeof CASE_COLUMNS)[number]>;
const EVERY_COLUMN: [MissingColumn] extends [never] ? true : MissingColumn = true;
void EVERY_COLUMN;

/**
 * The only place the bench turns a case's personal values into stored columns: as the server's
 * insertCase does, the applicant's ID number and `fields` are encrypted and bound to the case id,
 * with the blind index beside them, under the key ring the server under test uses. The plain
 * number stays in the plan (plan.applicant.idNumber), which is what the search bench searches for.
 */
export function protectForStorage<T extends { id: string; applicant_id_number: string; fields: string }>(ring: KeyRing, row: T) {
  return protectCaseRow(ring, row);
}

/**
 * A case row waiting for its number. Numbers come from the server's own counter table
 * (case_counters) when the row is written, so a loaded case can never take a number the server
 * has issued or will issue, whatever the dates of the load and of the live run.
 */
export interface CaseRowDraft {
  /** case_counters key: the unit and the Beijing day of acceptance, as accept-case.ts keys it. */
  unitId: string;
  day: string;
  casePrefix: string;
  acceptedAt: Date;
  row: Omit<CasesTable, 'case_no'>;
  /** The pages its capture acts added by the archive's date (the sweep's rules read them). */
  pages: PageRowDraft[];
}

/** A page row of a loaded case; every loaded page points at one stored blob (PAGE_COLUMNS adds it). */
export type PageRowDraft = Pick<
  CaseImagesTable,
  'id' | 'case_id' | 'material_code' | 'page_no' | 'captured_by' | 'captured_at' | 'late' | 'supplement_reason'
>;

/** Column order of the pages' bulk insert: the draft's columns, then the blob every loaded page shares. */
export const PAGE_COLUMNS = [
  'id',
  'case_id',
  'material_code',
  'page_no',
  'captured_by',
  'captured_at',
  'late',
  'supplement_reason',
  'blob_sha256',
] as const satisfies readonly (keyof CaseImagesTable)[];

/**
 * The row the server would hold for a planned case at `asOf`: its status and dates are the
 * server's own projection (projectCase) of the acts done by then, so a loaded case looks exactly
 * like one the acts wrote. The row and its page rows (one per capture act done, numbered per
 * material, late when after the capture deadline, as capture marks them); no action log, page files
 * or audit events (neither the search nor the warning sweep reads them), so `hukou verify` would flag
 * its cases.
 */
export function caseRowDraft(ring: KeyRing, plan: PlannedCase, asOf: Date, catalogVersion: string, acceptedBy: string): CaseRowDraft {
  const { actsDone } = stateAt(plan, asOf);
  const acceptedAt = plan.acceptedAt.toISOString();
  // Who performed the later acts does not change the projected columns; only the accepting officer does.
  const log = [{ at: acceptedAt, action: 'accept' as const }, ...actsDone.map((a) => ({ at: a.at.toISOString(), action: a.act }))].map(
    (entry, i) => ({ seq: i + 1, actorId: acceptedBy, ...entry }),
  );
  const projected = projectCase(log, plan.subtype);
  const pageNo = new Map<string, number>();
  const pages = actsDone.flatMap((a): PageRowDraft[] => {
    if (a.act !== 'capture' || !a.material) return [];
    const no = (pageNo.get(a.material) ?? 0) + 1;
    pageNo.set(a.material, no);
    const capturedAt = a.at.toISOString();
    // After the deadline the server takes a page only as 补录, with a reason (capture-pages.ts).
    const late = projected.capture_deadline !== null && capturedAt > projected.capture_deadline;
    return [
      {
        id: randomUUID(),
        case_id: plan.id,
        material_code: a.material,
        page_no: no,
        captured_by: acceptedBy,
        captured_at: capturedAt,
        late: late ? 1 : 0,
        supplement_reason: late ? '退回后补正材料' : null,
      },
    ];
  });
  return {
    unitId: plan.station.unitCode,
    day: beijingDay(plan.acceptedAt),
    casePrefix: plan.station.casePrefix,
    acceptedAt: plan.acceptedAt,
    pages,
    row: protectForStorage(ring, {
      id: plan.id,
      catalog_version: catalogVersion,
      subtype_code: plan.subtype.code,
      unit_id: plan.station.unitCode,
      applicant_name: plan.applicant.name,
      applicant_id_number: plan.applicant.idNumber,
      applicant_phone: plan.applicant.phone ?? null,
      fields: JSON.stringify(plan.fields),
      ...projected,
    }),
  };
}

/** How many numbers each (unit, day) of a batch needs, in first-seen order. */
export function counterDemand(drafts: readonly CaseRowDraft[]): { unitId: string; day: string; count: number }[] {
  const demand = new Map<string, { unitId: string; day: string; count: number }>();
  for (const d of drafts) {
    const key = `${d.unitId}|${d.day}`;
    const entry = demand.get(key);
    if (entry) entry.count++;
    else demand.set(key, { unitId: d.unitId, day: d.day, count: 1 });
  }
  return [...demand.values()];
}

/**
 * Numbers the drafts of a batch in acceptance order from the blocks reserved for it: `lastNo` maps
 * `unit|day` to the counter's value after the reservation, so the block is lastNo - count + 1 … lastNo.
 */
export function numberDrafts(drafts: readonly CaseRowDraft[], lastNo: ReadonlyMap<string, number>): CasesTable[] {
  const demand = new Map(counterDemand(drafts).map((d) => [`${d.unitId}|${d.day}`, d.count]));
  const next = new Map<string, number>();
  return drafts.map((d) => {
    const key = `${d.unitId}|${d.day}`;
    const last = lastNo.get(key);
    if (last === undefined) throw new Error(`no case numbers reserved for ${key}`);
    const no = next.get(key) ?? last - demand.get(key)! + 1;
    next.set(key, no + 1);
    return { ...d.row, case_no: formatCaseNo(d.casePrefix, d.acceptedAt, no) };
  });
}
