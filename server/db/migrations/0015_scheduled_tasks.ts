import type { Kysely } from 'kysely';

/**
 * The server's scheduled tasks (server/jobs/scheduler.ts): when each is next due and who holds it.
 * A process claims a due task by a conditional update of its row (the lease), so with several
 * server processes on one database each run happens once; the due time lives here, so a restart
 * neither repeats nor forgets a run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scheduled_tasks')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_error', 'text')
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduled_tasks').ifExists().execute();
}
