import { PostgresAdapter, type QueryExecutorProvider, type SelectQueryBuilder, sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place. Repositories ask
 * `dialectOps(db)` for these operations and never test the dialect themselves; the handle in
 * database.ts exposes the same object as `db.ops`.
 */
export interface DialectOps {
  readonly name: Dialect;
  /**
   * Holds the rows a query reads until commit, so acts on one row queue instead of failing their
   * optimistic check. SQLite runs one writer at a time and needs no lock.
   */
  forUpdate<DB, TB extends keyof DB & string, O>(query: SelectQueryBuilder<DB, TB, O>, table: TB): SelectQueryBuilder<DB, TB, O>;
  /** Serialises appends to the audit hash chain until commit (SQLite: already serial). */
  lockAuditChain(tx: QueryExecutorProvider): Promise<void>;
}

// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 727_001;

const POSTGRES: DialectOps = {
  name: 'postgres',
  forUpdate: (query, table) => query.forUpdate(table),
  async lockAuditChain(tx) {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(tx);
  },
};

const SQLITE: DialectOps = {
  name: 'sqlite',
  forUpdate: (query) => query,
  async lockAuditChain() {},
};

/**
 * The operations for whatever a query handle talks to: the database, a transaction, or the
 * handle a migration receives. The adapter is shared by a Kysely instance and its transactions.
 */
export function dialectOps(db: QueryExecutorProvider): DialectOps {
  return db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
}
