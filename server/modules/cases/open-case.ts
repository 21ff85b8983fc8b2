import { randomUUID } from 'node:crypto';
import type { UnitsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { beijingDayStart } from '../../time/beijing-day.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { Actor } from '../org/actor.ts';
import type { KeyRing } from '../population/id-protection.ts';
import { normalizeCitizenId } from '../population/citizen-id.ts';
import type { CaseFieldValues } from './case-fields.ts';
import { formatCaseNo } from './case-number.ts';
import { type LoggedAction, projectCase } from './case-projection.ts';
import { appendCaseAction, type CaseRow, insertCase, nextCaseCounter } from './cases.repo.ts';

export interface NewCase {
  unit: UnitsTable;
  /** The Beijing day the case number carries, from the unit's counter for that day. */
  numberDay: string;
  ref: SubtypeRef;
  applicant: { name: string; idNumber: string; phone: string | null };
  fields: CaseFieldValues;
  /** The act the case's log opens with: 受理 at the window, or the import of a historical file. */
  opening: { action: 'accept' | 'import_history'; actor: Actor; at: string; detail: Record<string, unknown> };
}

/**
 * Numbers a new case, writes its row (personal data protected by the repository) as the projection
 * of its one-act log, and that act's row, seq 1. The caller's act runner audits it.
 */
export async function openCase(tx: Tx, ring: KeyRing, input: NewCase): Promise<{ row: CaseRow; log: LoggedAction[] }> {
  const { unit, ref, opening } = input;
  const counter = await nextCaseCounter(tx, unit.id, input.numberDay);
  const id = randomUUID();
  const log: LoggedAction[] = [{ seq: 1, action: opening.action, actorId: opening.actor.userId, at: opening.at }];
  const row: CaseRow = {
    ...projectCase(log, ref.subtype),
    id,
    case_no: formatCaseNo(unit.case_prefix, beijingDayStart(input.numberDay), counter),
    catalog_version: ref.catalog.version,
    subtype_code: ref.subtype.code,
    unit_id: unit.id,
    applicant_name: input.applicant.name.trim(),
    applicant_id_number: normalizeCitizenId(input.applicant.idNumber),
    applicant_phone: input.applicant.phone?.trim() || null,
    fields: JSON.stringify(input.fields),
  };
  await insertCase(tx, ring, row);
  await appendCaseAction(tx, {
    case_id: id,
    seq: 1,
    action: opening.action,
    actor_id: opening.actor.userId,
    actor_unit_id: opening.actor.unitId,
    at: opening.at,
    comment: null,
    detail: JSON.stringify(opening.detail),
  });
  return { row, log };
}
