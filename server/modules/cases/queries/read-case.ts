import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { AuditAction } from '../../audit/audit-actions.ts';
import type { SubtypeRef } from '../../catalog/catalog-registry.ts';
import type { Actor } from '../../org/actor.ts';
import { type CaseReadAct, canReadCase } from '../cases.policy.ts';
import { type CaseWithUnit, findCase } from '../cases.repo.ts';
import { forbidden, withRefusalRecorded } from '../record-refusal.ts';
import { recordAudit } from '../../audit/record-audit.ts';

/**
 * Every look at a case is an audited act: the read is authorised, then recorded with what was seen,
 * so the trail answers "who looked at this person's file" as well as "who changed it".
 */
export async function readCaseAudited<T>(
  ctx: AppContext, actor: Actor, caseId: string, act: CaseReadAct,
  read: (kase: CaseWithUnit, ref: SubtypeRef) => Promise<{ result: T; detail?: Record<string, unknown>; reason?: string }>,
): Promise<T> {
  const action = `case.${act}` as AuditAction;
  return withRefusalRecorded(ctx, actor, action, caseId, async () => {
    const kase = await findCase(ctx.db.kysely, caseId);
    if (!kase) throw new AppError('CASE_NOT_FOUND');
    const ref = ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code);
    const decision = canReadCase(actor, { unitId: kase.unit_id, unitPath: kase.unit_path, acceptedBy: kase.accepted_by, chain: ref.subtype.approvalChain }, act);
    if (!decision.allow) throw decision.notFound ? new AppError('CASE_NOT_FOUND') : forbidden(decision.reason);
    const { result, detail, reason } = await read(kase, ref);
    await recordAudit(ctx, {
      at: ctx.now().toISOString(), actorId: actor.userId, actorUnitId: actor.unitId, action, objectType: 'case',
      objectId: caseId, caseId, outcome: 'ok', reason: reason ?? null, detail,
    });
    return result;
  });
}
