import type { Transaction } from 'kysely';
import { AppError, isAppError } from '../errors.ts';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;

/** Thrown inside a transaction when an optimistic check lost a race; the whole act is retried. */
export class RetryableConflict extends Error {
  constructor() {
    super('concurrent update');
  }
}

// serialization_failure, deadlock_detected; SQLite's stale read snapshot is the same kind of lost race.
const RETRYABLE_CODES = new Set(['40001', '40P01', 'SQLITE_BUSY_SNAPSHOT']);
const MAX_ATTEMPTS = 8;

function isRetryable(error: unknown): boolean {
  return error instanceof RetryableConflict || RETRYABLE_CODES.has(codeOf(error) ?? '');
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export type StorageFault = 'STORAGE_FULL' | 'DATABASE_BUSY' | 'DATABASE_UNAVAILABLE';

const PG_FAULTS: Record<string, StorageFault> = {
  '53100': 'STORAGE_FULL', // disk_full (a table or index could not grow)
  '53000': 'DATABASE_BUSY', // insufficient_resources
  '53200': 'DATABASE_BUSY', // out_of_memory
  '53300': 'DATABASE_BUSY', // too_many_connections
  '55P03': 'DATABASE_BUSY', // lock_not_available (lock_timeout)
  '57014': 'DATABASE_BUSY', // query_canceled (statement_timeout)
  '57P01': 'DATABASE_UNAVAILABLE', // admin_shutdown: restart, or the backend was terminated
  '57P02': 'DATABASE_UNAVAILABLE', // crash_shutdown
  '57P03': 'DATABASE_UNAVAILABLE', // cannot_connect_now: starting up or shutting down
  '58030': 'DATABASE_UNAVAILABLE', // io_error
};
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a lost or unusable connection with these messages and no code.
const PG_CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/;

/**
 * What a driver error means for the person at the counter, or null when it is not a fault of the
 * storage (a bug, a constraint, a lost race). A fault is never the request's doing: retrying the
 * same act with the same Idempotency-Key once the fault is gone is safe.
 */
export function storageFaultOf(error: unknown): StorageFault | null {
  if (isAppError(error)) return null;
  const code = codeOf(error);
  if (code) {
    if (code === 'SQLITE_FULL') return 'STORAGE_FULL';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'DATABASE_BUSY';
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'DATABASE_UNAVAILABLE';
    const pgFault = PG_FAULTS[code];
    if (pgFault) return pgFault;
    // object_not_in_prerequisite_state: this one is a database closed to connections for maintenance.
    if (code === '55000' && error instanceof Error && /not currently accepting connections/.test(error.message)) return 'DATABASE_UNAVAILABLE';
    if (code.startsWith('08')) return 'DATABASE_UNAVAILABLE'; // connection_exception class
    if (NETWORK_CODES.has(code)) return 'DATABASE_UNAVAILABLE';
    return null;
  }
  return error instanceof Error && PG_CONNECTION_LOST.test(error.message) ? 'DATABASE_UNAVAILABLE' : null;
}

/** The fault as an AppError carrying the driver's code; the driver's error stays attached as its cause, for the log. */
export function asStorageError(error: unknown): unknown {
  const fault = storageFaultOf(error);
  if (!fault) return error;
  const appError = new AppError(fault, { driverCode: codeOf(error) ?? 'CONNECTION_LOST' });
  appError.cause = error;
  return appError;
}

/**
 * One attempt. A controlled transaction rather than transaction().execute(): when the statement or
 * the COMMIT fails because the connection died or SQLite already rolled back (SQLITE_FULL,
 * SQLITE_BUSY), the ROLLBACK fails too, and execute() would throw that second error and lose the
 * first. Here a failed rollback is ignored (Kysely still releases the connection, and a broken
 * PostgreSQL client is discarded by the pool) and the original error is what the caller sees.
 */
async function attempt<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await db.kysely.startTransaction().execute();
  try {
    const result = await work(tx);
    await tx.commit().execute();
    return result;
  } catch (error) {
    if (!tx.isCommitted && !tx.isRolledBack)
      await tx
        .rollback()
        .execute()
        .catch(() => undefined);
    throw error;
  }
}

/**
 * Runs one act in one transaction. A lost race (optimistic version check or serialization failure)
 * re-runs the act from the start on fresh data, so a racing act is either applied on top of the
 * other or refused by the rules; never lost. A fault of the storage (disk full, database busy or
 * unreachable) becomes its own error code; nothing of the act is written, and the next act after
 * the fault is gone runs normally: the pool replaces dead connections by itself.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attemptNo = 1; ; attemptNo++) {
    try {
      return await attempt(db, work);
    } catch (error) {
      if (!isRetryable(error)) throw asStorageError(error);
      if (attemptNo >= MAX_ATTEMPTS) throw new AppError('CASE_CONCURRENT_UPDATE');
    }
  }
}
