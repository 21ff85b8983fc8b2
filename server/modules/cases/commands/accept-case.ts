import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { beijingDay } from '../../../time/beijing-day.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { findUnitById } from '../../org/org.repo.ts';
import { checkCitizenId, maskCitizenId } from '../../population/citizen-id.ts';
import { permissionsFor } from '../allowed-acts.ts';
import { validateCaseFields } from '../case-fields.ts';
import { canAccept } from '../cases.policy.ts';
import { openCase } from '../open-case.ts';
import { type CaseView, presentCase } from '../present-case.ts';

export interface AcceptCaseInput {
  subtypeCode: string;
  applicant: { name: string; idNumber: string; phone?: string };
  fields: Record<string, unknown>;
}

/** 受理: the window takes an application under the catalog version in force today (a Beijing day). */
export function acceptCase(ctx: AppContext, actor: Actor, input: AcceptCaseInput, idempotencyKey: string): Promise<CaseView> {
  const target = { action: 'case.accept' as const, objectType: 'case', objectId: null };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'accept', body: input } }, async (tx) => {
    const now = ctx.now();
    const at = now.toISOString();
    const today = beijingDay(now);
    const decision = canAccept(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const catalog = ctx.catalogs.current(now);
    const ref = ctx.catalogs.subtype(catalog.version, input.subtypeCode);
    const idCheck = checkCitizenId(input.applicant.idNumber, now);
    if (!idCheck.ok) throw new AppError('CITIZEN_ID_INVALID', { problem: idCheck.problem, field: 'applicant.idNumber' });
    const fields = validateCaseFields(ref.subtype, input.fields, now);
    const unit = await findUnitById(tx, actor.unitId);
    if (!unit) throw new AppError('NOT_FOUND', { unitId: actor.unitId });
    const detail = { subtypeCode: ref.subtype.code, catalogVersion: catalog.version, applicantIdNumber: maskCitizenId(input.applicant.idNumber) };
    const { row, log } = await openCase(tx, ctx.dataKeys, {
      unit,
      numberDay: today,
      ref,
      applicant: { name: input.applicant.name, idNumber: input.applicant.idNumber, phone: input.applicant.phone ?? null },
      fields,
      opening: { action: 'accept', actor, at, detail },
    });
    const id = row.id;
    const accepted = { ...row, unit_path: unit.path, unit_name: unit.name };
    return {
      result: presentCase(accepted, ref, { images: [], reuse: [], portrait: null }, permissionsFor(actor, accepted, ref, log, [], at)),
      at,
      audit: { objectId: id, caseId: id, detail: { seq: 1, ...detail } },
    };
  });
}
