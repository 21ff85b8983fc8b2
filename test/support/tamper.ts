import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';

/** What an intruder with the database owner's rights does first: drop the append-only guards. */
export async function dropAppendOnlyGuards(db: Db): Promise<void> {
  for (const table of ['audit_events', 'case_actions']) {
    if (db.dialect === 'postgres') {
      await sql.raw(`drop trigger ${table}_append_only on ${table}`).execute(db.kysely);
    } else {
      await sql.raw(`drop trigger ${table}_no_update`).execute(db.kysely);
      await sql.raw(`drop trigger ${table}_no_delete`).execute(db.kysely);
    }
  }
}
