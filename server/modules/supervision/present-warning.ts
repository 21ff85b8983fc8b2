import type { CatalogRegistry } from '../catalog/catalog-registry.ts';
import { maskPersonName } from '../notices/notice-text.ts';
import type { Actor } from '../org/actor.ts';
import type { CaseWarning } from './case-warning.schema.ts';
import { RULES } from './rules/all-rules.ts';
import type { RuleCode } from './rules/rule-codes.ts';
import { nextWarningState, type WarningPersonAct, type WarningState } from './warning-projection.ts';
import { canActOnWarning } from './warnings.policy.ts';
import type { WarningRow } from './warnings.repo.ts';
import type { WarningView } from './warnings.schema.ts';

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function presentCaseWarning(row: {
  id: string;
  rule: RuleCode;
  state: WarningState;
  occurred_at: string;
  raised_at: string;
  detail: string;
}): CaseWarning {
  return {
    id: row.id,
    rule: row.rule,
    ruleName: RULES[row.rule].name,
    state: row.state,
    occurredAt: row.occurred_at,
    raisedAt: row.raised_at,
    detail: parseDetail(row.detail),
  };
}

const PERSON_ACTS: readonly WarningPersonAct[] = ['acknowledge', 'resolve'];

/** What the actor may do with the warning now: answerable for it, and the act fits its state. */
export function allowedWarningActs(actor: Actor, row: WarningRow): WarningPersonAct[] {
  const decision = canActOnWarning(actor, { unitId: row.unit_id, unitPath: row.unit_path, caseUnitPath: row.case_unit_path });
  return decision.allow ? PERSON_ACTS.filter((act) => nextWarningState(row.state, act) !== null) : [];
}

/** A warning for the list and its page: the case by number and masked applicant name, never an ID number. */
export function presentWarning(row: WarningRow, catalogs: CatalogRegistry, actor: Actor): WarningView {
  const subtype = row.catalog_version && row.subtype_code ? catalogs.subtype(row.catalog_version, row.subtype_code).subtype : null;
  return {
    ...presentCaseWarning(row),
    unit: { id: row.unit_id, name: row.unit_name, nameEn: row.unit_name_en },
    case:
      row.case_id && row.case_no && subtype
        ? {
            id: row.case_id,
            caseNo: row.case_no,
            applicantName: maskPersonName(row.applicant_name ?? ''),
            subtype: { code: subtype.code, name: subtype.name, nameEn: subtype.nameEn },
            unitName: row.case_unit_name ?? '',
          }
        : null,
    acknowledged:
      row.acknowledged_by && row.acknowledged_at
        ? { by: { id: row.acknowledged_by, name: row.acknowledged_by_name ?? '' }, at: row.acknowledged_at }
        : null,
    resolved:
      row.resolved_by && row.resolved_at
        ? { by: { id: row.resolved_by, name: row.resolved_by_name ?? '' }, at: row.resolved_at, note: row.resolution_note ?? '' }
        : null,
    allowedActs: allowedWarningActs(actor, row),
  };
}
