import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing costs more than running the
 * small statements an act is made of. This keeps the most recently used statements prepared.
 * Reusing a statement is safe because Kysely runs one query at a time on its single connection
 * (a streaming query holds that connection until it ends).
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, capacity = 500): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Map keeps insertion order: moving a hit to the end makes the first key the least recently used.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}
