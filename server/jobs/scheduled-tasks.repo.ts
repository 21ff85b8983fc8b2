import type { Kysely } from 'kysely';
import type { Database, ScheduledTasksTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/** A task's row, created due at `dueAt` the first time any process knows the task; an existing row is left as it is. */
export async function ensureTask(db: Db, name: string, dueAt: string): Promise<void> {
  await db
    .insertInto('scheduled_tasks')
    .values({ name, due_at: dueAt, runs: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Takes a due task for `owner` until `leaseUntil`, if no one holds it: one conditional update, so of
 * several processes racing for the same row exactly one changes it (PostgreSQL re-reads the row
 * after the winner commits and finds the lease taken; SQLite runs writes one at a time).
 */
export async function claimTask(db: Db, name: string, owner: string, now: string, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('scheduled_tasks')
    .set({ lease_owner: owner, lease_until: leaseUntil, last_started_at: now })
    .where('name', '=', name)
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Keeps the lease while the task runs; false when another process has taken it over (the lease had lapsed). */
export async function renewLease(db: Db, name: string, owner: string, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('scheduled_tasks')
    .set({ lease_until: leaseUntil })
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the run and when the task is next due, and lets go of it. */
export async function finishTask(
  db: Db,
  name: string,
  owner: string,
  done: { at: string; nextDueAt: string; outcome: 'ok' | 'failed'; error: string | null },
): Promise<void> {
  await db
    .updateTable('scheduled_tasks')
    .set((eb) => ({
      due_at: done.nextDueAt,
      lease_owner: null,
      lease_until: null,
      last_finished_at: done.at,
      last_outcome: done.outcome,
      last_error: done.error,
      runs: eb('runs', '+', 1),
    }))
    .where('name', '=', name)
    .where('lease_owner', '=', owner)
    .execute();
}

export function listTasks(db: Db): Promise<ScheduledTasksTable[]> {
  return db.selectFrom('scheduled_tasks').selectAll().orderBy('name').execute();
}
