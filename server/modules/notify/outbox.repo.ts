import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, OutboxTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { OutboxMessage } from './outbox.ts';

export async function insertOutboxMessages(tx: Tx, messages: readonly OutboxMessage[], at: string): Promise<void> {
  if (messages.length === 0) return;
  await tx
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        id: randomUUID(),
        topic: m.topic,
        payload: JSON.stringify(m.payload),
        case_id: m.caseId ?? null,
        created_at: at,
        sent_at: null,
        attempts: 0,
        last_error: null,
      })),
    )
    .execute();
}

export function listPendingOutbox(db: Kysely<Database>, limit: number): Promise<OutboxTable[]> {
  return db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).orderBy('created_at').orderBy('id').limit(limit).execute();
}
