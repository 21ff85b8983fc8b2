import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { RetryableConflict } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentWarning } from '../present-warning.ts';
import { nextWarningState, projectWarning, type WarningPersonAct, warningDrift } from '../warning-projection.ts';
import { canActOnWarning } from '../warnings.policy.ts';
import { appendWarningAction, findWarning, listWarningActions, lockWarning, updateWarningProjection } from '../warnings.repo.ts';
import type { WarningView } from '../warnings.schema.ts';

export interface WarningActRequest {
  warningId: string;
  act: WarningPersonAct;
  idempotencyKey: string;
  note: string | null;
}

/**
 * The skeleton of an act on a warning, inside the act runner (acts/run-act.ts): lock the warning,
 * authorize (out of sight is absent), check the stored state against its log, check the act fits,
 * then append to the log and write the projection of the log, guarded by the version.
 */
export function runWarningAct(ctx: AppContext, actor: Actor, request: WarningActRequest): Promise<WarningView> {
  const { warningId, act, note } = request;
  const target = { action: `supervision.warning_${act}` as const, objectType: 'warning', objectId: warningId };
  const fingerprint = { act, warningId, note };
  return runAct(ctx, actor, { target, idempotencyKey: request.idempotencyKey, fingerprint }, async (tx) => {
    const row = (await lockWarning(tx, warningId)) ? await findWarning(tx, warningId) : undefined;
    if (!row) throw new AppError('NOT_FOUND', { warningId });
    const decision = canActOnWarning(actor, { unitId: row.unit_id, unitPath: row.unit_path, caseUnitPath: row.case_unit_path });
    if (!decision.allow) throw decision.notFound ? new AppError('NOT_FOUND', { warningId }) : forbidden(decision.reason);
    const log = await listWarningActions(tx, warningId);
    const drift = warningDrift(row, projectWarning(log));
    if (drift.length > 0) throw new AppError('WARNING_STATE_DRIFT', { warningId, columns: drift });
    const next = nextWarningState(row.state, act);
    if (!next) throw new AppError('WARNING_ACT_NOT_ALLOWED', { state: row.state, act });
    const at = ctx.now().toISOString();
    const seq = (log[log.length - 1]?.seq ?? 0) + 1;
    const projection = projectWarning([...log, { seq, action: act, actorId: actor.userId, at, note }]);
    if (!(await updateWarningProjection(tx, warningId, row.version, projection))) throw new RetryableConflict();
    await appendWarningAction(tx, { warning_id: warningId, seq, action: act, actor_id: actor.userId, actor_unit_id: actor.unitId, at, note });
    const names = act === 'acknowledge' ? { acknowledged_by_name: actor.displayName } : { resolved_by_name: actor.displayName };
    return {
      result: presentWarning({ ...row, ...projection, ...names }, ctx.catalogs, actor),
      at,
      audit: { caseId: row.case_id, reason: note, detail: { seq, rule: row.rule, factKey: row.fact_key, from: row.state, to: next } },
    };
  });
}
