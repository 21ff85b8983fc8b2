import type { CasesTable } from '../server/db/schema.ts';
import { formatCaseNo } from '../server/modules/cases/case-number.ts';
import { type PlannedCase, stateAt } from './workload.ts';

const HOUR = 3_600_000;

/** Column order of the bulk insert; every column of the cases table (server/db/schema.ts). */
export const CASE_COLUMNS = [
  'id', 'case_no', 'catalog_version', 'subtype_code', 'unit_id', 'status', 'chain_step', 'applicant_name', 'applicant_id_number',
  'applicant_phone', 'fields', 'accepted_by', 'accepted_at', 'capture_deadline', 'submitted_at', 'approval_deadline', 'decided_at',
  'closed_at', 'version', 'updated_at',
] as const satisfies readonly (keyof CasesTable)[];

/** Daily case numbers per unit, handed out in acceptance order exactly as nextCaseCounter does. */
export class CaseNumbers {
  private readonly last = new Map<string, number>();

  next(casePrefix: string, acceptedAt: Date): string {
    const key = `${casePrefix}|${acceptedAt.toISOString().slice(0, 10)}`;
    const no = (this.last.get(key) ?? 0) + 1;
    this.last.set(key, no);
    return formatCaseNo(casePrefix, acceptedAt, no);
  }
}

/** The row the server would hold for a planned case at `asOf`, after the acts done by then. */
export function caseRow(plan: PlannedCase, asOf: Date, caseNo: string, catalogVersion: string, acceptedBy: string): CasesTable {
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
  return {
    id: plan.id,
    case_no: caseNo,
    catalog_version: catalogVersion,
    subtype_code: plan.subtype.code,
    unit_id: plan.station.unitCode,
    status,
    chain_step: chainStep,
    applicant_name: plan.applicant.name,
    applicant_id_number: plan.applicant.idNumber,
    applicant_phone: plan.applicant.phone ?? null,
    fields: JSON.stringify(plan.fields),
    accepted_by: acceptedBy,
    accepted_at: plan.acceptedAt.toISOString(),
    capture_deadline: new Date(plan.acceptedAt.getTime() + plan.subtype.captureLimitHours * HOUR).toISOString(),
    submitted_at: submitted?.toISOString() ?? null,
    approval_deadline: submitted ? new Date(submitted.getTime() + plan.subtype.approvalLimitHours * HOUR).toISOString() : null,
    decided_at: decided?.toISOString() ?? null,
    closed_at: closed?.toISOString() ?? null,
    version: actsDone.length,
    updated_at: updated.toISOString(),
  };
}
