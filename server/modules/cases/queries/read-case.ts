import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { type AuditedRead, auditedRead, forbidden } from '../../audit/audited.ts';
import type { SubtypeRef } from '../../catalog/catalog-registry.ts';
import type { Actor } from '../../org/actor.ts';
import { type CaseReadAct, canReadCase } from '../cases.policy.ts';
import { type CaseWithUnit, findCase } from '../cases.repo.ts';

/**
 * Every look at a case is an audited act: the read is authorised, then recorded with what was seen,
 * so the trail answers "who looked at this person's file" as well as "who changed it".
 */
export function readCaseAudited<T>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  act: CaseReadAct,
  read: (kase: CaseWithUnit, ref: SubtypeRef) => Promise<AuditedRead<T>>,
): Promise<T> {
  return auditedRead(ctx, actor, { action: `case.${act}`, objectType: 'case', objectId: caseId, caseId }, async () => {
    const kase = await findCase(ctx.db.kysely, ctx.dataKeys, caseId);
    if (!kase) throw new AppError('CASE_NOT_FOUND');
    const decision = canReadCase(actor, { unitId: kase.unit_id, unitPath: kase.unit_path }, act);
    if (!decision.allow) throw decision.notFound ? new AppError('CASE_NOT_FOUND') : forbidden(decision.reason);
    return read(kase, ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code));
  });
}
