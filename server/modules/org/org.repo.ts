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

/** The city bureau: the root of the unit tree. */
export function findRootUnit(db: Q): Promise<UnitsTable | undefined> {
  return db.selectFrom('units').selectAll().where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
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
  /** A temporary password, to be replaced at the first sign-in (accounts the system administrator creates). */
  mustChangePassword?: boolean;
}

/** Creates an account and returns its id; the lockout columns of migration 0001 stay at rest (throttling lives in sign_in_throttle). */
export async function insertUser(db: Q, user: NewUser, at: string): Promise<string> {
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
    must_change_password: user.mustChangePassword ? 1 : 0,
    password_changed_at: at,
  };
  await db.insertInto('users').values(row).execute();
  return row.id;
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
      'users.must_change_password as mustChangePassword',
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

/** Ends every live session of a user, or every one but `keepTokenHash` (the session that asked). */
export async function revokeUserSessions(db: Q, userId: string, at: string, keepTokenHash?: string): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at);
  if (keepTokenHash) query = query.where('token_hash', '!=', keepTokenHash);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setUserPassword(db: Q, userId: string, passwordHash: string, mustChange: boolean, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, password_changed_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Sets the password only if it is still the one checked, so two changes racing cannot both win. */
export async function replaceUserPassword(db: Q, userId: string, checkedHash: string, passwordHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 0, password_changed_at: at })
    .where('id', '=', userId)
    .where('password_hash', '=', checkedHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setUserDisabled(db: Q, userId: string, disabled: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

export async function setUserRole(db: Q, userId: string, role: Role): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', userId).execute();
}

export function findUnitByCode(db: Q, code: string): Promise<UnitsTable | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findUnitByCasePrefix(db: Q, casePrefix: string): Promise<UnitsTable | undefined> {
  return db.selectFrom('units').selectAll().where('case_prefix', '=', casePrefix).executeTakeFirst();
}

export async function renameUnit(db: Q, unitId: string, names: { name: string; nameEn: string }): Promise<void> {
  await db.updateTable('units').set({ name: names.name, name_en: names.nameEn }).where('id', '=', unitId).execute();
}

export type UnitWithCounts = UnitsTable & { accounts: number; disabled_accounts: number };

/** Every unit (or just `unitId`), in tree order (by path), with how many accounts it holds and how many of them are disabled. */
export async function listUnitsWithAccountCounts(db: Q, unitId?: string): Promise<UnitWithCounts[]> {
  const rows = await db
    .selectFrom('units')
    .leftJoin('users', 'users.unit_id', 'units.id')
    .$if(unitId !== undefined, (qb) => qb.where('units.id', '=', unitId ?? ''))
    .selectAll('units')
    .select((eb) => [
      eb.fn.count<string | number>('users.id').as('accounts'),
      eb.fn.sum<string | number | null>(eb.case().when('users.disabled', '=', 1).then(1).else(0).end()).as('disabled_accounts'),
    ])
    .groupBy(['units.id', 'units.code', 'units.name', 'units.name_en', 'units.kind', 'units.parent_id', 'units.path', 'units.case_prefix'])
    .orderBy('units.path')
    .execute();
  return rows.map((r) => ({ ...r, accounts: Number(r.accounts), disabled_accounts: Number(r.disabled_accounts ?? 0) }));
}

export interface UserFilter {
  /** The unit and every unit below it. */
  unitPath?: string;
  role?: Role;
  /** Part of the user name or the display name, any case. */
  text?: string;
  disabled?: boolean;
}

export type UserWithUnit = UsersTable & { unit_name: string; unit_name_en: string; unit_kind: UnitsTable['kind'] };

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of accounts by user name, and how many match in all. */
export async function listUsers(
  db: Q,
  filter: UserFilter,
  page: { limit: number; offset: number },
): Promise<{ users: UserWithUnit[]; total: number }> {
  let query = db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id');
  if (filter.unitPath) query = query.where(sql<string>`substr(units.path, 1, ${filter.unitPath.length})`, '=', filter.unitPath);
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.disabled !== undefined) query = query.where('users.disabled', '=', filter.disabled ? 1 : 0);
  if (filter.text) {
    const pattern = `%${likeEscaped(filter.text.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(users.username)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(users.display_name)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const users = await query
    .selectAll('users')
    .select(['units.name as unit_name', 'units.name_en as unit_name_en', 'units.kind as unit_kind'])
    .orderBy('users.username')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return { users, total: Number(count.n) };
}

export async function findUserWithUnit(db: Q, userId: string): Promise<UserWithUnit | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select(['units.name as unit_name', 'units.name_en as unit_name_en', 'units.kind as unit_kind'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}
