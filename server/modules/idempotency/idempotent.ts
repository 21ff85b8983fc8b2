import { sha256Hex } from '../../blobs/digests.ts';
import type { Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { claimIdempotencyKey, findIdempotencyKey, storeIdempotentResponse } from './idempotency.repo.ts';

export interface IdempotencyRequest {
  actorId: string;
  key: string;
  /** What identifies the request: the act, its target and its body. */
  fingerprint: unknown;
  at: string;
}

/**
 * Runs work once per (actor, key) inside the caller's transaction. A retry with the same key and
 * request gets the first answer back; the same key with a different request is refused.
 */
export async function idempotent<T>(tx: Tx, request: IdempotencyRequest, work: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
  const requestHash = sha256Hex(JSON.stringify(request.fingerprint));
  const claimed = await claimIdempotencyKey(tx, {
    actor_id: request.actorId,
    idem_key: request.key,
    request_hash: requestHash,
    status_code: null,
    response: null,
    created_at: request.at,
  });
  if (!claimed) {
    const existing = await findIdempotencyKey(tx, request.actorId, request.key);
    if (!existing || existing.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (existing.response !== null) return { value: JSON.parse(existing.response) as T, replayed: true };
  }
  const value = await work();
  await storeIdempotentResponse(tx, request.actorId, request.key, 200, value);
  return { value, replayed: false };
}
