import { randomInt, randomUUID } from 'node:crypto';
import { runAct } from '../../../acts/run-act.ts';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { beijingDay, beijingDayEnd, beijingDayStart } from '../../../time/beijing-day.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentRound } from '../present-spot-check.ts';
import { seededRandom } from '../../../random/seeded-random.ts';
import { drawWeighted, riskWeight } from '../risk-weight.ts';
import { canCheck } from '../spot-checks.policy.ts';
import { countWarningsPerCase, findRound, insertRound, listCandidates, returnRates } from '../spot-checks.repo.ts';
import type { ProposeRoundInput } from '../spot-checks.schema.ts';

const DAY_MS = 86_400_000;
/** Return rates are read over the year before the period ends: recent habits, not ancient ones. */
const RATE_WINDOW_MS = 365 * DAY_MS;

/**
 * 发起抽查: draws a sample of the decided cases of the checker's stations in the period, weighted by risk
 * (risk-weight.ts), and opens a round with them. The seed is kept, so the draw can be shown to be the one
 * the random source made.
 */
export function proposeRound(ctx: AppContext, actor: Actor, input: ProposeRoundInput, idempotencyKey: string) {
  const target = { action: 'supervision.spot_round_propose' as const, objectType: 'spot_check_round', objectId: null };
  return runAct(ctx, actor, { target, idempotencyKey, fingerprint: { act: 'spot_round_propose', body: input } }, async (tx) => {
    const decision = canCheck(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const now = ctx.now();
    const start = beijingDayStart(input.from);
    const end = beijingDayEnd(input.to);
    if (input.from > input.to || input.to > beijingDay(now) || end.getTime() - start.getTime() > 366 * DAY_MS) {
      throw new AppError('SPOT_CHECK_PERIOD_INVALID', { from: input.from, to: input.to });
    }
    const scope = { scopePath: actor.unitPath, start: start.toISOString(), end: end.toISOString() };
    const candidates = await listCandidates(tx, { ...scope, checkerUnitId: actor.unitId });
    if (candidates.length === 0) throw new AppError('SPOT_CHECK_NO_CANDIDATES', { from: input.from, to: input.to });
    const since = new Date(end.getTime() - RATE_WINDOW_MS).toISOString();
    const [warnings, bySubtype, byOfficer] = await Promise.all([
      countWarningsPerCase(tx, scope),
      returnRates(tx, { scopePath: actor.unitPath, since }, 'subtype_code'),
      returnRates(tx, { scopePath: actor.unitPath, since }, 'accepted_by'),
    ]);
    const rate = (rows: typeof bySubtype) => new Map(rows.map((r) => [r.key, r.total > 0 ? r.returned / r.total : 0]));
    const subtypeRate = rate(bySubtype);
    const officerRate = rate(byOfficer);
    const weighted = candidates.map((c) => {
      const risk = {
        warnings: warnings.get(c.id) ?? 0,
        subtypeReturnRate: round2(subtypeRate.get(c.subtype_code) ?? 0),
        officerReturnRate: round2(officerRate.get(c.accepted_by) ?? 0),
      };
      return { ...c, risk, weight: riskWeight(risk) };
    });
    const seed = randomInt(2 ** 31);
    const drawn = drawWeighted(weighted, input.size, seededRandom(seed));
    const id = randomUUID();
    const at = now.toISOString();
    await insertRound(
      tx,
      {
        id,
        checker_unit_id: actor.unitId,
        created_by: actor.userId,
        created_at: at,
        period_from: input.from,
        period_to: input.to,
        sample_size: drawn.length,
        seed,
        state: 'open',
        completed_by: null,
        completed_at: null,
        summary: null,
        version: 1,
      },
      drawn.map((c, position) => ({
        round_id: id,
        case_id: c.id,
        case_unit_id: c.unit_id,
        position,
        weight: Math.round(c.weight * 100),
        risk: JSON.stringify(c.risk),
        result: null,
        note: null,
        doubtful: null,
        checked_by: null,
        checked_at: null,
      })),
    );
    const row = await findRound(tx, id);
    if (!row) throw new Error('the round just written is missing');
    return {
      result: presentRound(row, actor),
      at,
      audit: {
        objectId: id,
        detail: { from: input.from, to: input.to, asked: input.size, candidates: candidates.length, seed, caseIds: drawn.map((c) => c.id) },
      },
    };
  });
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
