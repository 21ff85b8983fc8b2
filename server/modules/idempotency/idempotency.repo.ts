import type { Kysely } from 'kysely';
import type { Database, IdempotencyKeysTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';

/** Inserts the key unless it exists; on PostgreSQL a concurrent holder makes this wait for its commit. */
export async function claimIdempotencyKey(tx: Tx, row: IdempotencyKeysTable): Promise<boolean> {
  const result = await tx
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['actor_id', 'idem_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function findIdempotencyKey(tx: Tx | Kysely<Database>, actorId: string, key: string): Promise<IdempotencyKeysTable | undefined> {
  return tx.selectFrom('idempotency_keys').selectAll().where('actor_id', '=', actorId).where('idem_key', '=', key).executeTakeFirst();
}

export async function storeIdempotentResponse(tx: Tx, actorId: string, key: string, statusCode: number, response: unknown): Promise<void> {
  await tx
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response: JSON.stringify(response) })
    .where('actor_id', '=', actorId)
    .where('idem_key', '=', key)
    .execute();
}

/** Deletes stored answers claimed before `before`; returns how many went. */
export async function deleteIdempotencyKeysBefore(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
