import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import { appendAuditEvent, type AuditEventInput } from '../../audit/audit.repo.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import type { Actor } from '../../org/actor.ts';
import { findUnitById } from '../../org/org.repo.ts';
import { checkCitizenId, maskCitizenId, normalizeCitizenId } from '../../population/citizen-id.ts';
import { formatCaseNo } from '../case-number.ts';
import { validateCaseFields } from '../case-fields.ts';
import { canAccept } from '../cases.policy.ts';
import { appendCaseAction, insertCase, nextCaseCounter } from '../cases.repo.ts';
import { type CaseView, presentCase } from '../present-case.ts';
import { forbidden, withRefusalRecorded } from '../record-refusal.ts';

export interface AcceptCaseInput {
  subtypeCode: string;
  applicant: { name: string; idNumber: string; phone?: string };
  fields: Record<string, unknown>;
}

const HOUR = 3_600_000;

/** 受理: the window takes an application under the catalog version in force today. */
export async function acceptCase(ctx: AppContext, actor: Actor, input: AcceptCaseInput, idempotencyKey: string): Promise<CaseView> {
  return withRefusalRecorded(ctx, actor, 'case.accept', null, () => inTransaction(ctx.db, async (tx) => {
    const now = ctx.now();
    const at = now.toISOString();
    const fingerprint = { act: 'accept', body: input };
    // Appended after the answer is stored, as the last statement: on PostgreSQL the trail's lock is
    // then held only from the append to commit. A replayed answer records no new event.
    let audit: AuditEventInput | undefined;
    const { value } = await idempotent(tx, { actorId: actor.userId, key: idempotencyKey, fingerprint, at }, async () => {
      const decision = canAccept(actor);
      if (!decision.allow) throw forbidden(decision.reason);
      const catalog = ctx.catalogs.current(now);
      const ref = ctx.catalogs.subtype(catalog.version, input.subtypeCode);
      const idCheck = checkCitizenId(input.applicant.idNumber, now);
      if (!idCheck.ok) throw new AppError('CITIZEN_ID_INVALID', { problem: idCheck.problem, field: 'applicant.idNumber' });
      const fields = validateCaseFields(ref.subtype, input.fields, now);
      const unit = await findUnitById(tx, actor.unitId);
      if (!unit) throw new AppError('NOT_FOUND', { unitId: actor.unitId });
      const counter = await nextCaseCounter(tx, unit.id, at.slice(0, 10));
      const id = randomUUID();
      const row = {
        id, case_no: formatCaseNo(unit.case_prefix, now, counter), catalog_version: catalog.version,
        subtype_code: ref.subtype.code, unit_id: unit.id, status: 'accepted', chain_step: 0,
        applicant_name: input.applicant.name.trim(), applicant_id_number: normalizeCitizenId(input.applicant.idNumber),
        applicant_phone: input.applicant.phone?.trim() || null, fields: JSON.stringify(fields),
        accepted_by: actor.userId, accepted_at: at,
        capture_deadline: new Date(now.getTime() + ref.subtype.captureLimitHours * HOUR).toISOString(),
        submitted_at: null, approval_deadline: null, decided_at: null, closed_at: null, version: 0, updated_at: at,
      };
      await insertCase(tx, row);
      const detail = { subtypeCode: ref.subtype.code, catalogVersion: catalog.version, applicantIdNumber: maskCitizenId(input.applicant.idNumber) };
      await appendCaseAction(tx, { case_id: id, action: 'accept', actor_id: actor.userId, actor_unit_id: actor.unitId, at, comment: null, detail: JSON.stringify(detail) }, 1);
      audit = {
        at, actorId: actor.userId, actorUnitId: actor.unitId, action: 'case.accept', objectType: 'case', objectId: id, caseId: id,
        outcome: 'ok', detail: { seq: 1, ...detail },
      };
      return presentCase({ ...row, unit_path: unit.path, unit_name: unit.name }, ref, []);
    });
    if (audit) await appendAuditEvent(tx, audit);
    return value;
  }));
}
