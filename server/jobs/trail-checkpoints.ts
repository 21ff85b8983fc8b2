import type { AppContext } from '../context.ts';
import { createCheckpoint } from '../modules/audit/checkpoints/create-checkpoint.ts';

type Log = (message: string, error?: unknown) => void;

/**
 * Signs a checkpoint of the trail every HUKOU_CHECKPOINT_MINUTES (nothing when no event was written
 * since), and a last one when the server stops. The interval bounds the tail an intruder could cut
 * unseen by the witnesses: the events since the latest checkpoint. The timer never keeps the process
 * alive and rounds never overlap; with several processes the chain lock lets one sign each size.
 */
export function startTrailCheckpoints(ctx: AppContext, log: Log): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const sign = (trigger: 'schedule' | 'shutdown') =>
    createCheckpoint(ctx, trigger).then(
      (made) => {
        if (made?.created) log(`audit trail checkpoint signed at ${made.checkpoint.tree_size} events (${trigger})`);
      },
      (error: unknown) => log(`audit trail checkpoint (${trigger}) failed`, error),
    );
  const run = () => {
    running ??= sign('schedule').finally(() => {
      running = null;
    });
  };
  run();
  const timer = setInterval(run, ctx.config.checkpointMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await sign('shutdown');
    },
  };
}
