import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { currentQuotaPeriod } from '../quota-period.ts';
import { countSpotChecksDoneByChecker } from '../spot-check-stats.repo.ts';
import { canCheck } from '../spot-checks.policy.ts';
import { checkersWithLastRound, overdueByChecker } from '../spot-checks.repo.ts';
import type { QuotaView } from '../spot-checks.schema.ts';

/**
 * Which checking units are behind their quota: a branch with no round completed this week, the city
 * with none this month (by default; HUKOU_SPOT_CHECK_*_PERIOD). Each checker sees its own unit and the
 * units under it, so the city sees every branch and a branch sees itself.
 */
export function readQuotaStatus(ctx: AppContext, actor: Actor): Promise<QuotaView> {
  return auditedRead(ctx, actor, { action: 'supervision.spot_quota_view', objectType: 'spot_check_round', objectId: null }, async () => {
    const decision = canCheck(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const now = ctx.now();
    const periods = {
      week: currentQuotaPeriod(now, 'week'),
      month: currentQuotaPeriod(now, 'month'),
    };
    const [units, doneWeek, doneMonth, overdue] = await Promise.all([
      checkersWithLastRound(ctx.db.kysely, actor.unitPath),
      countSpotChecksDoneByChecker(ctx.db.kysely, { from: periods.week.start, to: periods.week.end }),
      countSpotChecksDoneByChecker(ctx.db.kysely, { from: periods.month.start, to: periods.month.end }),
      overdueByChecker(ctx.db.kysely),
    ]);
    const result: QuotaView = {
      units: units.map((unit) => {
        const kind = unit.kind === 'city' ? 'city' : 'branch';
        const period = kind === 'city' ? ctx.config.spotChecks.cityPeriod : ctx.config.spotChecks.branchPeriod;
        const done = (period === 'week' ? doneWeek : doneMonth).get(unit.id) ?? 0;
        return {
          unit: { id: unit.id, name: unit.name, nameEn: unit.name_en, kind },
          period,
          periodFrom: periods[period].from,
          periodTo: periods[period].to,
          completedThisPeriod: done,
          lastCompletedAt: unit.last_completed_at ?? null,
          behind: done === 0,
          overdueVerifications: overdue.get(unit.id) ?? 0,
        };
      }),
    };
    return { result, detail: { behind: result.units.filter((u) => u.behind).map((u) => u.unit.id) } };
  });
}
