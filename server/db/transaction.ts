import type { Transaction } from 'kysely';
import { AppError } from '../errors.ts';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;

/** Thrown inside a transaction when an optimistic check lost a race; the whole act is retried. */
export class RetryableConflict extends Error {
  constructor() {
    super('concurrent update');
  }
}

const PG_RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 8;

function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableConflict) return true;
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && PG_RETRYABLE.has(code);
}

/**
 * Runs one act in one transaction. A lost race (optimistic version check or serialization failure)
 * re-runs the act from the start on fresh data, so a
 * racing act is either applied on top of the other or refused by the rules; never lost.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.kysely.transaction().execute(work);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new AppError('CASE_CONCURRENT_UPDATE');
    }
  }
}
