import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../org/actor.ts';

/** A demo account as the actor its acts are attributed to. */
export async function demoActor(db: Kysely<Database>, username: string): Promise<Actor> {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id as userId',
      'users.username',
      'users.display_name as displayName',
      'users.role',
      'units.id as unitId',
      'units.kind as unitKind',
      'units.path as unitPath',
    ])
    .where('users.username', '=', username)
    .executeTakeFirstOrThrow();
  return row;
}

export async function hasAnyCase(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('cases').select('id').limit(1).executeTakeFirst()) !== undefined;
}
