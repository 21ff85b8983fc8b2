import type { CasesTable } from '../server/db/schema.ts';
import { formatCaseNo } from '../server/modules/cases/case-number.ts';
import { type PlannedCase, stateAt } from './workload.ts';

/**
 * The one place where the bench builds rows of the cases table itself (the bulk load of the search
 * archive); everything else the bench stores goes through the HTTP API. A change to how the server
 * stores a case must be mirrored here, and only here.
 */

const HOUR = 3_600_000;

/** Column order of the bulk insert; every column of the cases table (server/db/schema.ts). */
export const CASE_COLUMNS = [
  'id', 'case_no', 'catalog_version', 'subtype_code', 'unit_id', 'status', 'chain_step', 'applicant_name', 'applicant_id_number',
  'applicant_phone', 'fields', 'accepted_by', 'accepted_at', 'capture_deadline', 'submitted_at', 'approval_deadline', 'decided_at',
  'closed_at', 'version', 'updated_at',
] as const satisfies readonly (keyof CasesTable)[];

/**
 * SEAM for ID numbers at rest: the applicant's ID number becomes stored columns here and nowhere
 * else in the bench. When the server stores it encrypted with a blind index, this function returns
 * the ciphertext and the blind-index column(s) the server's insertCase writes (same key and
 * derivation as the server, imported from server/), and CASE_COLUMNS above gains the new
 * column(s). The plain number stays in the plan (plan.applicant.idNumber), which is what the
 * search bench searches for.
 */
export function storedApplicantId(idNumber: string): Pick<CasesTable, 'applicant_id_number'> {
  return { applicant_id_number: idNumber };
}

/**
 * A case row waiting for its number. Numbers come from the server's own counter table
 * (case_counters) when the row is written, so a loaded case can never take a number the server
 * has issued or will issue, whatever the dates of the load and of the live run.
 */
export interface CaseRowDraft {
  /** case_counters key: the unit and the UTC day of acceptance, as nextCaseCounter keys it. */
  unitId: string;
  day: string;
  casePrefix: string;
  acceptedAt: Date;
  row: Omit<CasesTable, 'case_no'>;
}

/** The row the server would hold for a planned case at `asOf`, after the acts done by then. */
export function caseRowDraft(plan: PlannedCase, asOf: Date, catalogVersion: string, acceptedBy: string): CaseRowDraft {
  const { status, chainStep, actsDone } = stateAt(plan, asOf);
  // As in the server, each timestamp is set by its act and never cleared (a return keeps submitted_at).
  let submitted: Date | null = null;
  let decided: Date | null = null;
  let closed: Date | null = null;
  for (const act of actsDone) {
    if (act.act === 'submit') submitted = act.at;
    else if (act.act === 'approve') decided = act.at;
    else if (act.act === 'complete' || act.act === 'withdraw') closed = act.at;
  }
  const updated = actsDone.length ? actsDone[actsDone.length - 1].at : plan.acceptedAt;
  const acceptedAt = plan.acceptedAt.toISOString();
  return {
    unitId: plan.station.unitCode,
    // accept-case.ts keys the counter by the UTC date of the acceptance time, as formatCaseNo prints it.
    day: acceptedAt.slice(0, 10),
    casePrefix: plan.station.casePrefix,
    acceptedAt: plan.acceptedAt,
    row: {
      id: plan.id,
      catalog_version: catalogVersion,
      subtype_code: plan.subtype.code,
      unit_id: plan.station.unitCode,
      status,
      chain_step: chainStep,
      applicant_name: plan.applicant.name,
      ...storedApplicantId(plan.applicant.idNumber),
      applicant_phone: plan.applicant.phone ?? null,
      fields: JSON.stringify(plan.fields),
      accepted_by: acceptedBy,
      accepted_at: acceptedAt,
      capture_deadline: new Date(plan.acceptedAt.getTime() + plan.subtype.captureLimitHours * HOUR).toISOString(),
      submitted_at: submitted?.toISOString() ?? null,
      approval_deadline: submitted ? new Date(submitted.getTime() + plan.subtype.approvalLimitHours * HOUR).toISOString() : null,
      decided_at: decided?.toISOString() ?? null,
      closed_at: closed?.toISOString() ?? null,
      version: actsDone.length,
      updated_at: updated.toISOString(),
    },
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
