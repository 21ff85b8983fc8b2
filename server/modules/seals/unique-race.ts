import { RetryableConflict } from '../../db/transaction.ts';

const DUPLICATE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);

/**
 * Runs an insert whose key another process may have taken a moment ago (the next version of a
 * seal, an officer's next certificate): losing that race retries the whole act, which then finds
 * the row the winner wrote.
 */
export async function insertOrRetry(insert: () => Promise<void>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && DUPLICATE_CODES.has(code)) throw new RetryableConflict();
    throw error;
  }
}
