import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { presentRound } from '../present-spot-check.ts';
import { listItems } from '../spot-checks.repo.ts';
import { loadRoundForWork } from './load-round-for-work.ts';

/** 完成抽查: every sampled case has its finding; the round then counts toward the unit's quota. */
export function completeRound(ctx: AppContext, actor: Actor, roundId: string, summary: string | undefined, idempotencyKey: string) {
  const target = { action: 'supervision.spot_round_complete' as const, objectType: 'spot_check_round', objectId: roundId };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'spot_round_complete', roundId, summary } }, async (tx) => {
    const at = ctx.now().toISOString();
    const round = await loadRoundForWork(tx, actor, roundId, {
      state: 'completed',
      completed_at: at,
      completed_by: actor.userId,
      summary: summary ?? null,
    });
    const items = await listItems(tx, roundId);
    const missing = items.filter((i) => i.result === null).length;
    if (missing > 0) throw new AppError('SPOT_CHECK_FINDINGS_MISSING', { missing });
    const problems = items.filter((i) => i.result === 'problem').length;
    return {
      result: presentRound(round, actor),
      at,
      audit: { reason: summary ?? null, detail: { checked: items.length, problems } },
    };
  });
}
