import type { CaseImagesTable } from '../../db/schema.ts';
import type { CaseSummaryView, CaseView } from './cases.schema.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { CasePermissions } from './allowed-acts.ts';
import { maskCitizenId } from '../population/citizen-id.ts';
import { parseStoredFields } from './case-fields.ts';
import type { CaseWithUnit } from './cases.repo.ts';
import { pendingLevel, STATUS_LABELS } from './workflow.ts';

/** Case fields of type idNumber are masked like the applicant's own number. */
function maskFields(ref: SubtypeRef, fields: Record<string, string | number>): Record<string, string | number> {
  const masked = { ...fields };
  for (const field of ref.subtype.fields) {
    const value = masked[field.key];
    if (field.type === 'idNumber' && typeof value === 'string') masked[field.key] = maskCitizenId(value);
  }
  return masked;
}

export function presentCaseSummary(row: Omit<CaseWithUnit, 'unit_path'>, ref: SubtypeRef): CaseSummaryView {
  const status = row.status;
  return {
    id: row.id,
    caseNo: row.case_no,
    catalogVersion: row.catalog_version,
    subtype: {
      code: ref.subtype.code,
      name: ref.subtype.name,
      nameEn: ref.subtype.nameEn,
      categoryCode: ref.categoryCode,
      categoryName: ref.categoryName,
    },
    unit: { id: row.unit_id, name: row.unit_name },
    status,
    statusLabel: STATUS_LABELS[status],
    pendingLevel: pendingLevel({ status, chainStep: row.chain_step }, ref.subtype.approvalChain),
    approvalChain: ref.subtype.approvalChain,
    applicant: { name: row.applicant_name, idNumberMasked: maskCitizenId(row.applicant_id_number) },
    acceptedBy: row.accepted_by,
    acceptedAt: row.accepted_at,
    captureDeadline: row.capture_deadline,
    submittedAt: row.submitted_at,
    approvalDeadline: row.approval_deadline,
    decidedAt: row.decided_at,
    closedAt: row.closed_at,
    version: row.version,
  };
}

/** The case as one actor sees it: with what they may do with it now (allowed-acts.ts). */
export function presentCase(row: CaseWithUnit, ref: SubtypeRef, images: CaseImagesTable[], permissions: CasePermissions): CaseView {
  const materials = ref.subtype.materials.map((m) => {
    const pages = images.filter((i) => i.material_code === m.code).length;
    return {
      code: m.code,
      name: m.name,
      nameEn: m.nameEn,
      required: m.required,
      minPages: m.minPages,
      verifyOriginal: m.verifyOriginal,
      pagesCaptured: pages,
      complete: pages >= m.minPages,
    };
  });
  return {
    ...presentCaseSummary(row, ref),
    applicantPhone: row.applicant_phone,
    fields: maskFields(ref, parseStoredFields(row.fields)),
    materials,
    images: images.map((i) => ({
      id: i.id,
      materialCode: i.material_code,
      pageNo: i.page_no,
      sha256: i.blob_sha256,
      capturedBy: i.captured_by,
      capturedAt: i.captured_at,
      late: i.late === 1,
    })),
    allowedActs: permissions.allowedActs,
    canRevealId: permissions.canRevealId,
  };
}

export type { CaseSummaryView, CaseView };
