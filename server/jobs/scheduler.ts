import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.ts';
import { claimTask, ensureTask, finishTask, renewLease } from './scheduled-tasks.repo.ts';

type Log = (message: string, error?: unknown) => void;

export interface ScheduledTask {
  /** Stable: the row in scheduled_tasks is found by it. */
  name: string;
  /** Milliseconds from the end of one run to the next being due. */
  everyMs: number;
  /** How long a claim holds before another process may take over a run that seems dead; renewed while it runs. */
  leaseMs: number;
  run(ctx: AppContext): Promise<string | void>;
}

export interface Scheduler {
  /** Runs every task that is due now (by the context's clock) and not held elsewhere; resolves when they are done. */
  tick(): Promise<void>;
  /** Ticks every `intervalMs` until stopped; the timer never keeps the process alive and ticks never overlap. */
  start(intervalMs: number): void;
  /** Stops ticking and waits for a run in progress. */
  stop(): Promise<void>;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Runs the server's periodic work so that it survives restarts and happens once however many
 * server processes share the database: each task's due time and lease live in `scheduled_tasks`,
 * and a process runs a task only after claiming its row. A task that fails is recorded, logged and
 * due again after its interval, like one that succeeded: a failing sweep must not run in a loop.
 */
export function createScheduler(ctx: AppContext, tasks: ScheduledTask[], log: Log): Scheduler {
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const db = ctx.db.kysely;
  const known = new Set<string>();
  let ticking: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function runTask(task: ScheduledTask): Promise<void> {
    const iso = (ms: number) => new Date(ctx.now().getTime() + ms).toISOString();
    if (!known.has(task.name)) {
      await ensureTask(db, task.name, iso(0));
      known.add(task.name);
    }
    if (!(await claimTask(db, task.name, owner, iso(0), iso(task.leaseMs)))) return;
    const heartbeat = setInterval(
      () => {
        renewLease(db, task.name, owner, iso(task.leaseMs)).catch((error: unknown) => log(`scheduler: could not renew ${task.name}`, error));
      },
      Math.max(1000, task.leaseMs / 3),
    );
    heartbeat.unref();
    let outcome: { outcome: 'ok' | 'failed'; error: string | null };
    try {
      const said = await task.run(ctx);
      if (said) log(said);
      outcome = { outcome: 'ok', error: null };
    } catch (error) {
      log(`scheduled task ${task.name} failed`, error);
      outcome = { outcome: 'failed', error: describe(error) };
    } finally {
      clearInterval(heartbeat);
    }
    await finishTask(db, task.name, owner, { at: iso(0), nextDueAt: iso(task.everyMs), ...outcome });
  }

  async function tickOnce(): Promise<void> {
    for (const task of tasks) {
      await runTask(task).catch((error: unknown) => log(`scheduler: ${task.name} could not be scheduled`, error));
    }
  }

  const scheduler: Scheduler = {
    tick() {
      ticking ??= tickOnce().finally(() => {
        ticking = null;
      });
      return ticking;
    },
    start(intervalMs) {
      void scheduler.tick();
      timer = setInterval(() => void scheduler.tick(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await ticking;
    },
  };
  return scheduler;
}
