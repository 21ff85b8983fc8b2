import { RetryableConflict, type Tx } from '../../../db/transaction.ts';
import { AppError } from '../../../errors.ts';
import { forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { canWorkOnRound } from '../spot-checks.policy.ts';
import { bumpRound, findRound, type RoundRow } from '../spot-checks.repo.ts';

/**
 * The common start of an act on a round: it exists and is in sight (else absent), it is the actor's
 * unit's own, it is still open; then its version is taken, so two acts on one round queue and the
 * slower one re-runs on the newer row.
 */
export async function loadRoundForWork(tx: Tx, actor: Actor, roundId: string, set: Parameters<typeof bumpRound>[3] = {}): Promise<RoundRow> {
  const row = await findRound(tx, roundId);
  if (!row) throw new AppError('NOT_FOUND', { roundId });
  const decision = canWorkOnRound(actor, { checkerUnitId: row.checker_unit_id, checkerUnitPath: row.checker_unit_path });
  if (!decision.allow) throw decision.notFound ? new AppError('NOT_FOUND', { roundId }) : forbidden(decision.reason);
  if (row.state !== 'open') throw new AppError('SPOT_CHECK_ROUND_COMPLETED', { roundId });
  if (!(await bumpRound(tx, roundId, row.version, set))) throw new RetryableConflict();
  return { ...row, ...set, version: row.version + 1 };
}
