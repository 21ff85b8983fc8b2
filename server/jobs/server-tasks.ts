import type { AppConfig } from '../config.ts';
import { createCheckpoint } from '../modules/audit/checkpoints/create-checkpoint.ts';
import { storeTrailTiles } from '../modules/audit/checkpoints/trail-tiles.ts';
import { purgeIdempotencyKeys } from '../modules/idempotency/purge-idempotency-keys.ts';
import { forgetQuietThrottles } from '../modules/org/sign-in-throttle.ts';
import { sweepWarnings } from '../modules/supervision/sweep-warnings.ts';
import { escalatePaperVerifications } from '../modules/spot-checks/escalate-paper-verifications.ts';
import { runSmsSender } from '../modules/notify/send-sms.ts';
import { sweepFixity } from './fixity-sweep.ts';
import { sweepOrphans } from './orphan-sweep.ts';
import type { ScheduledTask } from './scheduler.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The server's periodic work, each task on its own interval (docs/OPERATIONS.md, "Scheduled tasks"):
 * hourly upkeep of idempotency answers and sign-in throttle rows; daily storage sweeps (unreferenced
 * originals past their grace period, the day's share of fixity checks); and a signed checkpoint of
 * the trail every HUKOU_CHECKPOINT_MINUTES, which bounds the tail an intruder could cut unseen by
 * the witnesses. Each task answers what it wants logged.
 */
export function serverTasks(config: AppConfig): ScheduledTask[] {
  return [
    {
      name: 'trail-checkpoint',
      everyMs: config.checkpointMinutes * MINUTE,
      leaseMs: 10 * MINUTE,
      async run(ctx) {
        const made = await createCheckpoint(ctx, 'schedule');
        // The proofs' tiles, outside the checkpoint's lock: the events they hash never change.
        const tiles = made ? await storeTrailTiles(ctx.db.kysely, made.checkpoint.tree_size) : 0;
        if (made?.created)
          return `audit trail checkpoint signed at ${made.checkpoint.tree_size} events (schedule)${tiles ? `, ${tiles} proof tiles stored` : ''}`;
      },
    },
    {
      // 预警: the time-based warning rules over what passed since the last run (docs/SUPERVISION.md).
      name: 'warning-sweep',
      everyMs: 15 * MINUTE,
      leaseMs: 10 * MINUTE,
      async run(ctx) {
        const swept = await sweepWarnings(ctx);
        const raised = Object.entries(swept.raised);
        if (raised.length > 0) return `warning sweep: raised ${raised.map(([rule, n]) => `${n} ${rule}`).join(', ')}`;
      },
    },
    {
      // SMS (docs/SMS.md): the outbox's case messages into texts, then the texts that are due.
      name: 'sms-sender',
      everyMs: MINUTE,
      leaseMs: 10 * MINUTE,
      async run(ctx) {
        const run = await runSmsSender(ctx);
        if (run.queued + run.sent + run.failed + run.unknown + run.settled > 0) {
          return `sms: ${run.queued} queued, ${run.sent} sent, ${run.retrying} to retry, ${run.failed} given up, ${run.unknown} outcome unknown, ${run.settled} interrupted sends settled`;
        }
      },
    },
    {
      // 调阅纸质材料核实: requests past their deadline become 逾期 (docs/SPOT-CHECKS.md).
      name: 'paper-verification-escalation',
      everyMs: HOUR,
      leaseMs: 10 * MINUTE,
      async run(ctx) {
        const marked = await escalatePaperVerifications(ctx);
        if (marked > 0) return `paper verification: ${marked} requests overdue`;
      },
    },
    {
      name: 'idempotency-purge',
      everyMs: HOUR,
      leaseMs: 10 * MINUTE,
      async run(ctx) {
        const purged = await purgeIdempotencyKeys(ctx);
        if (purged > 0) return `purged ${purged} idempotency answers past their window`;
      },
    },
    {
      name: 'sign-in-throttle-cleanup',
      everyMs: HOUR,
      leaseMs: 10 * MINUTE,
      run: (ctx) => forgetQuietThrottles(ctx.db, ctx.now().getTime()),
    },
    {
      name: 'orphan-sweep',
      everyMs: DAY,
      leaseMs: HOUR,
      async run(ctx) {
        const swept = await sweepOrphans(ctx);
        if (swept.removed.length + swept.restored.length + swept.incomplete > 0) {
          return `orphan sweep: removed ${swept.removed.length} unreferenced originals, ${swept.incomplete} interrupted writes; restored ${swept.restored.length}`;
        }
      },
    },
    {
      name: 'fixity-sweep',
      everyMs: DAY,
      leaseMs: HOUR,
      async run(ctx) {
        const checked = await sweepFixity(ctx);
        if (checked.failures.length > 0) {
          // Thrown, so the run is recorded as failed and the log carries the originals.
          throw Object.assign(
            new Error(
              `fixity sweep: ${checked.failures.length} of ${checked.share} originals re-hashed today FAILED (audit trail: archive.fixity_failed)`,
            ),
            { failures: checked.failures },
          );
        }
        if (checked.share > 0) return `fixity sweep: ${checked.intact} of ${checked.total} originals re-hashed, all intact`;
      },
    },
  ];
}
