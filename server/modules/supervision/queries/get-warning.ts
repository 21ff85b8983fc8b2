import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentWarning } from '../present-warning.ts';
import { canSeeWarning } from '../warnings.policy.ts';
import { findWarning, listWarningActions } from '../warnings.repo.ts';
import type { WarningDetail } from '../warnings.schema.ts';

/** One warning with its life so far (raised, acknowledged, resolved: who, when, the note); out of sight is absent. */
export function getWarning(ctx: AppContext, actor: Actor, warningId: string): Promise<WarningDetail> {
  return auditedRead(ctx, actor, { action: 'supervision.warning_view', objectType: 'warning', objectId: warningId }, async () => {
    const row = await findWarning(ctx.db.kysely, warningId);
    if (!row) throw new AppError('NOT_FOUND', { warningId });
    const decision = canSeeWarning(actor, { unitId: row.unit_id, unitPath: row.unit_path, caseUnitPath: row.case_unit_path });
    if (!decision.allow) throw decision.notFound ? new AppError('NOT_FOUND', { warningId }) : forbidden(decision.reason);
    const history = await listWarningActions(ctx.db.kysely, warningId);
    return {
      result: {
        ...presentWarning(row, ctx.catalogs, actor),
        history: history.map((entry) => ({ seq: entry.seq, action: entry.action, actorName: entry.actorName, at: entry.at, note: entry.note })),
      },
      detail: { rule: row.rule, caseId: row.case_id },
    };
  });
}
