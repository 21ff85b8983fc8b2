import type { CatalogRegistry } from '../catalog/catalog-registry.ts';
import { maskPersonName } from '../notices/notice-text.ts';
import type { Actor } from '../org/actor.ts';
import { canAnswerPaperVerification, canWorkOnRound } from './spot-checks.policy.ts';
import type { ItemRow, RoundRow, VerificationRow } from './spot-checks.repo.ts';
import type { PaperVerificationView, RoundItem, RoundView } from './spot-checks.schema.ts';

function parseJson<T>(value: string | null, fallback: T): T {
  if (!value) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

function caseRef(
  catalogs: CatalogRegistry,
  row: { case_id: string; case_no: string; catalog_version: string; subtype_code: string; applicant_name: string; station_name: string },
) {
  const { subtype } = catalogs.subtype(row.catalog_version, row.subtype_code);
  return {
    ref: {
      id: row.case_id,
      caseNo: row.case_no,
      applicantName: maskPersonName(row.applicant_name),
      subtype: { code: subtype.code, name: subtype.name, nameEn: subtype.nameEn },
      stationName: row.station_name,
    },
    materials: subtype.materials.map((m) => ({ code: m.code, name: m.name })),
  };
}

export function presentRound(row: RoundRow, actor: Actor): RoundView {
  return {
    id: row.id,
    checkerUnit: { id: row.checker_unit_id, name: row.checker_unit_name, nameEn: row.checker_unit_name_en },
    createdBy: row.created_by_name,
    createdAt: row.created_at,
    period: { from: row.period_from, to: row.period_to },
    sampleSize: row.sample_size,
    checkedCount: Number(row.checked_count ?? 0),
    state: row.state,
    completedAt: row.completed_at,
    summary: row.summary,
    canWork: row.state === 'open' && canWorkOnRound(actor, { checkerUnitId: row.checker_unit_id, checkerUnitPath: row.checker_unit_path }).allow,
  };
}

export function presentItem(row: ItemRow, catalogs: CatalogRegistry): RoundItem {
  const { ref, materials } = caseRef(catalogs, row);
  const nameOf = (code: string) => materials.find((m) => m.code === code)?.name ?? code;
  const doubtful = parseJson<{ materialCode: string; note: string }[]>(row.doubtful, []);
  return {
    case: ref,
    decidedAt: row.decided_at,
    weight: row.weight / 100,
    risk: parseJson(row.risk, { warnings: 0, subtypeReturnRate: 0, officerReturnRate: 0 }),
    materials,
    result: row.result,
    note: row.note,
    doubtful: doubtful.map((d) => ({ materialCode: d.materialCode, materialName: nameOf(d.materialCode), note: d.note })),
    checkedBy: row.checked_by_name,
    checkedAt: row.checked_at,
  };
}

export function presentVerification(row: VerificationRow, catalogs: CatalogRegistry, actor: Actor): PaperVerificationView {
  const { ref, materials } = caseRef(catalogs, row);
  return {
    id: row.id,
    roundId: row.round_id,
    case: ref,
    station: { id: row.station_unit_id, name: row.station_name, nameEn: row.station_name_en },
    checkerUnitName: row.checker_unit_name,
    material: { code: row.material_code, name: materials.find((m) => m.code === row.material_code)?.name ?? row.material_code },
    doubt: row.doubt,
    requestedBy: row.requested_by_name,
    requestedAt: row.requested_at,
    dueAt: row.due_at,
    state: row.state,
    escalatedAt: row.escalated_at,
    answer: row.answer,
    answerNote: row.answer_note,
    answeredBy: row.answered_by_name,
    answeredAt: row.answered_at,
    canAnswer:
      row.state !== 'answered' && canAnswerPaperVerification(actor, { stationUnitId: row.station_unit_id, stationPath: row.station_path }).allow,
  };
}
