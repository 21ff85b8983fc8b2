import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentRound } from '../present-spot-check.ts';
import { canCheck } from '../spot-checks.policy.ts';
import { countRounds, listRounds } from '../spot-checks.repo.ts';

/** 抽查 list: the rounds of the checker's unit and of the units under it, newest first. */
export function listSpotRounds(ctx: AppContext, actor: Actor, page: { page: number; pageSize: number }) {
  return auditedRead(ctx, actor, { action: 'supervision.spot_round_list', objectType: 'spot_check_round', objectId: null }, async () => {
    const decision = canCheck(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const [total, rows] = await Promise.all([
      countRounds(ctx.db.kysely, actor.unitPath),
      listRounds(ctx.db.kysely, actor.unitPath, { offset: (page.page - 1) * page.pageSize, limit: page.pageSize }),
    ]);
    return {
      result: { items: rows.map((row) => presentRound(row, actor)), total, ...page },
      detail: { ...page, results: rows.length, total },
    };
  });
}
