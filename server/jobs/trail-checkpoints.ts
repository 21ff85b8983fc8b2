import type { AppContext } from '../context.ts';
import { createCheckpoint } from '../modules/audit/checkpoints/create-checkpoint.ts';

type Log = (message: string, error?: unknown) => void;

/**
 * The last checkpoint of a stopping server, after its last answer, so a witness covers every act it
 * made. (The scheduled ones are the `trail-checkpoint` task in server-tasks.ts.)
 */
export async function signShutdownCheckpoint(ctx: AppContext, log: Log): Promise<void> {
  try {
    const made = await createCheckpoint(ctx, 'shutdown');
    if (made?.created) log(`audit trail checkpoint signed at ${made.checkpoint.tree_size} events (shutdown)`);
  } catch (error) {
    log('audit trail checkpoint (shutdown) failed', error);
  }
}
