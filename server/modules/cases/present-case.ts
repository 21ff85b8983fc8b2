import type { CaseImagesTable } from '../../db/schema.ts';
import type { ReuseRow } from '../capture/capture.repo.ts';
import type { CasePages } from './case-pages.ts';
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

interface StoredQuality {
  warnings: CaseView['images'][number]['qualityWarnings'];
}

function presentImage(image: CaseImagesTable, reuse: readonly ReuseRow[]) {
  const quality = image.quality ? (JSON.parse(image.quality) as StoredQuality) : null;
  return {
    id: image.id,
    materialCode: image.material_code,
    pageNo: image.page_no,
    sourcePage: image.source_page,
    sha256: image.blob_sha256,
    capturedBy: image.captured_by,
    capturedAt: image.captured_at,
    late: image.late === 1,
    supplement: image.supplement_reason === null ? null : { reason: image.supplement_reason },
    qualityWarnings: quality?.warnings ?? [],
    qualityOverride:
      image.quality_override_reason === null
        ? null
        : { reason: image.quality_override_reason, by: image.quality_override_by ?? '', at: image.quality_override_at ?? '' },
    reuse: reuse
      .filter((r) => r.image_id === image.id)
      .map((r) => ({
        otherImageId: r.other_image_id,
        otherCaseId: r.other_case_id,
        otherCaseNo: r.other_case_no,
        otherUnitName: r.other_unit_name,
        otherMaterialCode: r.other_material_code,
        otherPageNo: r.other_page_no,
        otherCapturedAt: r.other_captured_at,
        distance: r.distance,
        foundAt: r.found_at,
      })),
  };
}

/** The case as one actor sees it: with what they may do with it now (allowed-acts.ts). */
export function presentCase(row: CaseWithUnit, ref: SubtypeRef, pages: CasePages, permissions: CasePermissions): CaseView {
  const { images } = pages;
  const materials = ref.subtype.materials.map((m) => {
    const count = images.filter((i) => i.material_code === m.code).length;
    return {
      code: m.code,
      name: m.name,
      nameEn: m.nameEn,
      required: m.required,
      minPages: m.minPages,
      verifyOriginal: m.verifyOriginal,
      pagesCaptured: count,
      complete: count >= m.minPages,
    };
  });
  const presented = images.map((i) => presentImage(i, pages.reuse));
  return {
    ...presentCaseSummary(row, ref),
    applicantPhone: row.applicant_phone,
    fields: maskFields(ref, parseStoredFields(row.fields)),
    materials,
    images: presented,
    capture: {
      supplementPages: presented.filter((i) => i.supplement !== null).length,
      latePages: presented.filter((i) => i.late).length,
      qualityUnresolved: presented.filter((i) => i.qualityWarnings.length > 0 && i.qualityOverride === null).length,
      reusedPages: presented.filter((i) => i.reuse.length > 0).length,
    },
    portrait: pages.portrait,
    allowedActs: permissions.allowedActs,
    canRevealId: permissions.canRevealId,
  };
}

export type { CaseSummaryView, CaseView };
