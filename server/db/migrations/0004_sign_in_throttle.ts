import type { Kysely } from 'kysely';

/**
 * Sign-in throttling (server/modules/org/sign-in-throttle.ts): one row per account name as typed
 * (normalised, whether or not the account exists) and one per source address, each counted by a
 * single atomic upsert. Times are epoch milliseconds rather than the usual ISO text because the
 * per-source limit adds intervals inside that one statement, portably on both databases.
 *
 * users.failed_logins and users.locked_until (0001) are no longer read or written; they stay
 * because landed migrations are never rewritten.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused_before', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_throttle_pk', ['kind', 'subject'])
    .execute();
  await db.schema.createIndex('sign_in_throttle_last_at').on('sign_in_throttle').column('last_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_throttle').execute();
}
