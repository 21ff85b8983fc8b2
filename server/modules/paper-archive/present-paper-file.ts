import type { CatalogRegistry } from '../catalog/catalog-registry.ts';
import { maskPersonName } from '../notices/notice-text.ts';
import type { Actor } from '../org/actor.ts';
import { bindingDueDay, isOverdue } from './binding-schedule.ts';
import type { PaperFileRow } from './paper-archive.repo.ts';
import { canFilePaperOf } from './paper-archive.policy.ts';
import type { PaperFileView } from './paper-archive.schema.ts';

/** A decided case's paper file: the case by number and masked name, never an ID number. */
export function presentPaperFile(row: PaperFileRow, catalogs: CatalogRegistry, actor: Actor, now: Date, bindDay: number): PaperFileView {
  const { subtype } = catalogs.subtype(row.catalog_version, row.subtype_code);
  const decidedAt = row.decided_at ?? '';
  const bound =
    row.bound_at !== null && row.bound_by !== null
      ? { by: { id: row.bound_by, name: row.bound_by_name ?? '' }, at: row.bound_at, movedAt: row.moved_at }
      : null;
  return {
    caseId: row.case_id,
    caseNo: row.case_no,
    applicantName: maskPersonName(row.applicant_name),
    subtype: { code: subtype.code, name: subtype.name, nameEn: subtype.nameEn },
    station: { id: row.unit_id, name: row.unit_name, nameEn: row.unit_name_en },
    decidedAt,
    dueDay: bindingDueDay(decidedAt, bindDay),
    state: bound ? 'bound' : 'pending',
    overdue: !bound && isOverdue(decidedAt, now, bindDay),
    place:
      row.box_no !== null && row.volume_no !== null && row.sequence !== null
        ? { boxNo: row.box_no, volumeNo: row.volume_no, sequence: row.sequence }
        : null,
    bound,
    canFile: canFilePaperOf(actor, { unitId: row.unit_id, unitPath: row.unit_path }).allow,
  };
}
