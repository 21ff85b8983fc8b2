import type { Kysely } from 'kysely';

/**
 * Administration by the three separated administrators (docs/OPERATIONS.md, "Administrators and
 * passwords"):
 *
 * - `users.must_change_password`: 1 for an account created or reset by the system administrator,
 *   whose temporary password must be replaced before anything else; existing accounts (the demo
 *   ones included) keep signing in as before, so the column defaults to 0.
 * - `users.password_changed_at`: when the password was last set, by its owner or by a reset;
 *   existing accounts get their creation time.
 * - `security_policy`: the password and lockout policy the security administrator sets, one row
 *   (`id` = 'current') holding JSON. No row means the built-in defaults (security-policy.ts).
 * - `sign_in_throttle` needs no change for its new kind 'password' (a user's streak of wrong
 *   current passwords when changing the password): `kind` is text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction, so a crash
  // part-way leaves the earlier steps in place and the whole migration runs again.
  const users = (await db.introspection.getTables()).find((t) => t.name === 'users');
  if (!users?.columns.some((c) => c.name === 'must_change_password')) {
    await db.schema
      .alterTable('users')
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  if (!users?.columns.some((c) => c.name === 'password_changed_at')) {
    await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();
  }
  await db
    .updateTable('users')
    .set((eb) => ({ password_changed_at: eb.ref('created_at') }))
    .where('password_changed_at', 'is', null)
    .execute();
  await db.schema
    .createTable('security_policy')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_policy').execute();
  await db.schema.alterTable('users').dropColumn('password_changed_at').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
