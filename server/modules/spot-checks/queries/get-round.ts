import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentItem, presentRound, presentVerification } from '../present-spot-check.ts';
import { canSeeRound } from '../spot-checks.policy.ts';
import { findRound, listItems, listVerifications } from '../spot-checks.repo.ts';
import type { RoundDetail } from '../spot-checks.schema.ts';

/** A round with its sampled cases (names masked), findings and paper verifications; recorded with the cases it showed. */
export function getSpotRound(ctx: AppContext, actor: Actor, roundId: string): Promise<RoundDetail> {
  return auditedRead(ctx, actor, { action: 'supervision.spot_round_view', objectType: 'spot_check_round', objectId: roundId }, async () => {
    const row = await findRound(ctx.db.kysely, roundId);
    if (!row) throw new AppError('NOT_FOUND', { roundId });
    const decision = canSeeRound(actor, { checkerUnitPath: row.checker_unit_path });
    if (!decision.allow) throw decision.notFound ? new AppError('NOT_FOUND', { roundId }) : forbidden(decision.reason);
    const [items, verifications] = await Promise.all([
      listItems(ctx.db.kysely, roundId),
      listVerifications(ctx.db.kysely, { scopePath: actor.unitPath, roundId }, 500),
    ]);
    return {
      result: {
        ...presentRound(row, actor),
        items: items.map((item) => presentItem(item, ctx.catalogs)),
        paperVerifications: verifications.map((v) => presentVerification(v, ctx.catalogs, actor)),
      },
      detail: { caseIds: items.map((item) => item.case_id) },
    };
  });
}
