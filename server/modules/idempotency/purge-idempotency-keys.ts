import type { AppContext } from '../../context.ts';
import { deleteIdempotencyKeysBefore } from './idempotency.repo.ts';

/**
 * How long a stored answer is kept. A client retries a lost answer within seconds or minutes (a
 * window PC that lost its network over a lunch break, at most a day); after this window a reused
 * key counts as a new request, and the workflow then refuses an act that already happened (409).
 */
export const IDEMPOTENCY_RETENTION_DAYS = 7;

export function purgeIdempotencyKeys(ctx: Pick<AppContext, 'db' | 'now'>): Promise<number> {
  const before = new Date(ctx.now().getTime() - IDEMPOTENCY_RETENTION_DAYS * 86_400_000).toISOString();
  return deleteIdempotencyKeysBefore(ctx.db.kysely, before);
}
