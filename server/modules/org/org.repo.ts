import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, SessionsTable, UnitsTable, UsersTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { Role } from './roles.ts';

type Q = Kysely<Database> | Tx;

export function findUnitById(db: Q, id: string): Promise<UnitsTable | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The units a person at `unitPath` may see: their own and every unit below it (actor.ts
 * `unitInScope`). An exact prefix comparison rather than LIKE, which would read `_` and `%` in a
 * path as wildcards and, on SQLite, ignore case.
 */
export function listUnitsInScope(db: Q, unitPath: string): Promise<UnitsTable[]> {
  return db
    .selectFrom('units')
    .selectAll()
    .where(sql<string>`substr(path, 1, ${unitPath.length})`, '=', unitPath)
    .orderBy('path')
    .execute();
}

export async function insertUnit(db: Q, unit: UnitsTable): Promise<void> {
  await db.insertInto('units').values(unit).execute();
}

export function findUserByUsername(db: Q, username: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Q, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: string;
  role: Role;
  passwordHash: string;
}

/** Creates an account; the lockout columns of migration 0001 stay at rest (throttling lives in sign_in_throttle). */
export async function insertUser(db: Q, user: NewUser, at: string): Promise<void> {
  const row: UsersTable = {
    id: randomUUID(),
    username: user.username,
    display_name: user.displayName,
    unit_id: user.unitId,
    role: user.role,
    password_hash: user.passwordHash,
    failed_logins: 0,
    locked_until: null,
    disabled: 0,
    created_at: at,
  };
  await db.insertInto('users').values(row).execute();
}

export async function countUsers(db: Q): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(db: Q, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export function findLiveSession(db: Q, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id as userId',
      'users.username',
      'users.display_name as displayName',
      'users.role',
      'users.disabled',
      'units.id as unitId',
      'units.kind as unitKind',
      'units.path as unitPath',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function revokeSession(db: Q, tokenHash: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).execute();
}
