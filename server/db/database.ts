import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { usePreparedStatements } from './pg-prepared-statements.ts';
import { type Dialect, type DialectOps, dialectOps } from './dialect.ts';
import type { Database } from './schema.ts';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './sqlite-checkpointer.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';

export type { Dialect } from './dialect.ts';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** What differs between the two databases (dialect.ts); repositories reach it through dialectOps(). */
  ops: DialectOps;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Db {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 20 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next checkout.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL idle connection lost: ${error.message}`));
    // A connection lost mid-transaction also emits 'error' on its lent-out client, after failing its
    // queries; unheard, that event ends the process. The failed query is what the act reports.
    pool.on('connect', (client) => client.on('error', () => {}));
    usePreparedStatements(pool);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', ops: dialectOps(kysely), close: () => kysely.destroy() };
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
  const sqlite = new SqliteDatabase(config.file);
  // WAL with synchronous=FULL: a committed act survives power loss, readers never block the writer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // better-sqlite3 waits for a busy lock on the event loop, so the wait is short: another process
  // holding the write lock longer gets DATABASE_BUSY (transaction.ts) rather than a frozen server.
  sqlite.pragma('busy_timeout = 2000');
  const checkpointer = config.file === ':memory:' ? null : startCheckpointer(config.file);
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    kysely,
    dialect: 'sqlite',
    ops: dialectOps(kysely),
    async close() {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}
