import type { AppContext } from '../context.ts';
import { purgeIdempotencyKeys } from '../modules/idempotency/purge-idempotency-keys.ts';

const HOUR = 3_600_000;

/**
 * Periodic upkeep of the running server: today, purging idempotency answers past their window.
 * The timer never keeps the process alive, and a failed round is logged and retried next hour.
 */
export function startHousekeeping(ctx: AppContext, log: (message: string, error?: unknown) => void): () => void {
  const round = () => {
    purgeIdempotencyKeys(ctx).then(
      (purged) => { if (purged > 0) log(`purged ${purged} idempotency answers past their window`); },
      (error: unknown) => log('housekeeping failed', error),
    );
  };
  round();
  const timer = setInterval(round, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
