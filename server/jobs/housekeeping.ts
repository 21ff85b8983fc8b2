import type { AppContext } from '../context.ts';
import { purgeIdempotencyKeys } from '../modules/idempotency/purge-idempotency-keys.ts';
import { forgetQuietThrottles } from '../modules/org/sign-in-throttle.ts';

const HOUR = 3_600_000;

/**
 * Periodic upkeep of the running server: idempotency answers past their window, sign-in throttle
 * rows that no longer limit anything. The timer never keeps the process alive, and a failed round
 * is logged and retried next hour.
 */
export function startHousekeeping(ctx: AppContext, log: (message: string, error?: unknown) => void): () => void {
  const round = async () => {
    const purged = await purgeIdempotencyKeys(ctx);
    if (purged > 0) log(`purged ${purged} idempotency answers past their window`);
    await forgetQuietThrottles(ctx.db, ctx.now().getTime());
  };
  const run = () => {
    round().catch((error: unknown) => log('housekeeping failed', error));
  };
  run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
