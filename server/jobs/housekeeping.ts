import type { AppContext } from '../context.ts';
import { latestFixityCheck } from '../modules/audit/archive-check.repo.ts';
import { purgeIdempotencyKeys } from '../modules/idempotency/purge-idempotency-keys.ts';
import { forgetQuietThrottles } from '../modules/org/sign-in-throttle.ts';
import { sweepFixity } from './fixity-sweep.ts';
import { sweepOrphans } from './orphan-sweep.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Log = (message: string, error?: unknown) => void;

/**
 * The upkeep of one round, hourly: idempotency answers past their window and sign-in throttle rows
 * that no longer limit anything; and once a day the storage sweeps (unreferenced originals past
 * their grace period, and the day's share of fixity checks). Each task fails alone, logged, and is
 * tried again next round. The day is counted on the context's clock, so tests move it; the last
 * fixity sweep is read from the database, so restarts do not repeat it.
 */
export function createHousekeeping(ctx: AppContext, log: Log): { round(): Promise<void> } {
  let lastOrphanSweep: number | null = null;
  let lastFixitySweep: number | null | undefined;
  const due = (last: number | null, now: number) => last === null || now - last >= DAY;

  const tasks: [string, () => Promise<void>][] = [
    [
      'idempotency purge',
      async () => {
        const purged = await purgeIdempotencyKeys(ctx);
        if (purged > 0) log(`purged ${purged} idempotency answers past their window`);
      },
    ],
    ['sign-in throttle cleanup', () => forgetQuietThrottles(ctx.db, ctx.now().getTime())],
    [
      'orphan sweep',
      async () => {
        const now = ctx.now().getTime();
        if (!due(lastOrphanSweep, now)) return;
        lastOrphanSweep = now;
        const swept = await sweepOrphans(ctx);
        if (swept.removed.length + swept.restored.length + swept.incomplete > 0) {
          log(
            `orphan sweep: removed ${swept.removed.length} unreferenced originals, ${swept.incomplete} interrupted writes; restored ${swept.restored.length}`,
          );
        }
      },
    ],
    [
      'fixity sweep',
      async () => {
        const now = ctx.now().getTime();
        if (lastFixitySweep === undefined) {
          const latest = await latestFixityCheck(ctx.db.kysely);
          lastFixitySweep = latest ? Date.parse(latest) : null;
        }
        if (!due(lastFixitySweep, now)) return;
        lastFixitySweep = now;
        const checked = await sweepFixity(ctx);
        if (checked.failures.length > 0) {
          log(
            `fixity sweep: ${checked.failures.length} of ${checked.share} originals re-hashed today FAILED (audit trail: archive.fixity_failed)`,
            checked.failures,
          );
        } else if (checked.share > 0) log(`fixity sweep: ${checked.intact} of ${checked.total} originals re-hashed, all intact`);
      },
    ],
  ];

  return {
    async round() {
      for (const [name, task] of tasks) {
        await task().catch((error: unknown) => log(`housekeeping: ${name} failed`, error));
      }
    },
  };
}

/** Runs a round now and every hour; the timer never keeps the process alive, and rounds never overlap. */
export function startHousekeeping(ctx: AppContext, log: Log): () => void {
  const housekeeping = createHousekeeping(ctx, log);
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= housekeeping.round().finally(() => {
      running = null;
    });
  };
  run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
