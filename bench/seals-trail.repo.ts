import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../server/config.ts';
import type { AuditEventsTable, Database } from '../server/db/schema.ts';

/**
 * The trail loader's SQL: audit events straight into `audit_events`, a batch per transaction,
 * beside the server's own connection (SQLite in WAL mode, or a second PostgreSQL connection). Only
 * for the bench's scratch databases while nothing else writes the trail: it does not take the chain
 * lock (dialect.ts), it continues the chain from the head it was given.
 */
export interface TrailWriter {
  write(rows: AuditEventsTable[]): Promise<void>;
  /** Folds SQLite's WAL into the file, or runs ANALYZE on PostgreSQL (what autovacuum would do soon after). */
  finish(): Promise<void>;
}

const COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_unit_id',
  'action',
  'object_type',
  'object_id',
  'case_id',
  'outcome',
  'reason',
  'detail',
  'prev_hash',
  'hash',
  'link',
] as const satisfies readonly (keyof AuditEventsTable)[];

function sqliteWriter(file: string): TrailWriter {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare(`insert into audit_events (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
  const writeBatch = db.transaction((rows: AuditEventsTable[]) => {
    for (const row of rows) insert.run(COLUMNS.map((c) => row[c]));
  });
  return {
    write: async (rows) => writeBatch.immediate(rows),
    async finish() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

/** A batch in one INSERT … SELECT FROM unnest(arrays), as bulk-load.repo.ts loads cases. */
function postgresWriter(url: string): TrailWriter {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  const types: Partial<Record<(typeof COLUMNS)[number], string>> = { seq: 'int' };
  const insert = `insert into audit_events (${COLUMNS.join(', ')}) select * from unnest(${COLUMNS.map((c, i) => `$${i + 1}::${types[c] ?? 'text'}[]`).join(', ')})`;
  return {
    async write(rows) {
      await connected;
      await client.query(
        insert,
        COLUMNS.map((c) => rows.map((r) => r[c])),
      );
    },
    async finish() {
      await connected;
      await client.query('analyze audit_events');
      await client.end();
    },
  };
}

export function openTrailWriter(config: DatabaseConfig): TrailWriter {
  return config.kind === 'sqlite' ? sqliteWriter(config.file) : postgresWriter(config.url);
}

/** The newest event: where the loaded events continue the chain. */
export function trailHead(db: Kysely<Database>): Promise<Pick<AuditEventsTable, 'seq' | 'hash'> | undefined> {
  return db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** The events written so far, oldest first: the loaded events are made in their likeness. */
export function listEventTemplates(db: Kysely<Database>, limit: number): Promise<AuditEventsTable[]> {
  return db.selectFrom('audit_events').selectAll().orderBy('seq').limit(limit).execute();
}
