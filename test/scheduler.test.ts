import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimTask } from '../server/jobs/scheduled-tasks.repo.ts';
import { createScheduler, type ScheduledTask } from '../server/jobs/scheduler.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const HOUR = 3_600_000;

/** A task that counts its runs, optionally held open until the test lets it finish. */
function countingTask(name: string, options: { fail?: boolean } = {}) {
  let runs = 0;
  let started: () => void = () => {};
  let release: (() => void) | null = null;
  const task: ScheduledTask = {
    name,
    everyMs: HOUR,
    leaseMs: 10 * 60_000,
    async run() {
      runs++;
      started();
      if (release === null) return;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      if (options.fail) throw new Error('the sweep could not reach the store');
    },
  };
  return {
    task,
    runs: () => runs,
    /** The next run waits until `finish()`; resolves when it has started. */
    hold(): Promise<void> {
      release = () => {};
      return new Promise<void>((resolve) => {
        started = resolve;
      });
    },
    finish() {
      const go = release;
      release = null;
      go?.();
    },
  };
}

describe('scheduled tasks: once per due time across processes, surviving restarts', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ seed: false });
  });
  after(async () => {
    await env.close();
  });

  const row = (name: string) => env.ctx.db.kysely.selectFrom('scheduled_tasks').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  const quiet = () => {};

  it('runs a new task at once, then not before its interval, and a restarted scheduler keeps the due time', async () => {
    const counting = countingTask('interval');
    const first = createScheduler(env.ctx, [counting.task], quiet);
    await first.tick();
    assert.equal(counting.runs(), 1);
    env.clock.advanceHours(0.5);
    await first.tick();
    await createScheduler(env.ctx, [counting.task], quiet).tick();
    assert.equal(counting.runs(), 1, 'half an hour later, by the same process or a restarted one: not due');
    env.clock.advanceHours(0.5);
    await createScheduler(env.ctx, [counting.task], quiet).tick();
    assert.equal(counting.runs(), 2, 'an hour after the last run: due, whichever process looks');
    const recorded = await row('interval');
    assert.equal(recorded.runs, 2);
    assert.equal(recorded.last_outcome, 'ok');
    assert.equal(recorded.lease_owner, null, 'let go after the run');
  });

  it('lets one process run a due task while another holds it, never both', async () => {
    const counting = countingTask('held');
    const a = createScheduler(env.ctx, [counting.task], quiet);
    const b = createScheduler(env.ctx, [counting.task], quiet);
    const started = counting.hold();
    const running = a.tick();
    await started;
    await b.tick();
    assert.equal(counting.runs(), 1, 'b found the task held by a');
    counting.finish();
    await running;
    await b.tick();
    assert.equal(counting.runs(), 1, 'and then not due: a ran it');
  });

  it('runs a task once when many processes look for it at the same moment', async () => {
    const counting = countingTask('raced');
    const schedulers = Array.from({ length: 8 }, () => createScheduler(env.ctx, [counting.task], quiet));
    await Promise.all(schedulers.map((s) => s.tick()));
    assert.equal(counting.runs(), 1);
    env.clock.advanceHours(1);
    await Promise.all(schedulers.map((s) => s.tick()));
    assert.equal(counting.runs(), 2);
  });

  it('takes over a run whose process died once its lease has lapsed', async () => {
    const counting = countingTask('orphaned');
    const survivor = createScheduler(env.ctx, [counting.task], quiet);
    await survivor.tick();
    env.clock.advanceHours(1);
    // A process claims the task and is killed before it finishes: its lease stays on the row.
    const now = env.ctx.now();
    assert.equal(
      await claimTask(env.ctx.db.kysely, 'orphaned', 'dead-process', now.toISOString(), new Date(now.getTime() + 600_000).toISOString()),
      true,
    );
    await survivor.tick();
    assert.equal(counting.runs(), 1, 'the lease still holds');
    env.clock.advanceHours(0.25);
    await survivor.tick();
    assert.equal(counting.runs(), 2, 'lapsed: the survivor runs it');
    assert.equal((await row('orphaned')).lease_owner, null);
  });

  it('records a failed run, logs it, and tries again after the interval rather than at once', async () => {
    const counting = countingTask('failing', { fail: true });
    const logged: string[] = [];
    const scheduler = createScheduler(env.ctx, [counting.task], (message, error) =>
      logged.push(`${message}: ${(error as Error | undefined)?.message}`),
    );
    const started = counting.hold();
    const running = scheduler.tick();
    await started;
    counting.finish();
    await running;
    const recorded = await row('failing');
    assert.equal(recorded.last_outcome, 'failed');
    assert.equal(recorded.last_error, 'the sweep could not reach the store');
    assert.ok(
      logged.some((line) => line.includes('scheduled task failing failed: the sweep could not reach the store')),
      logged.join('\n'),
    );
    await scheduler.tick();
    assert.equal(counting.runs(), 1, 'not again at once');
    env.clock.advanceHours(1);
    await scheduler.tick();
    assert.equal(counting.runs(), 2);
    assert.equal((await row('failing')).last_outcome, 'ok');
  });
});
