import type { Kysely } from 'kysely';

/**
 * SMS (docs/SMS.md):
 *
 * - `sms_messages`: one row per text to one number, rendered from an outbox message by the sender
 *   worker. UNIQUE (outbox_id, recipient) so rendering an outbox message twice cannot queue a second
 *   text. `state` queued → sending → sent → delivered, or failed; a row is claimed for sending by a
 *   conditional update (state and lease), never sent by two workers. `reference` is our own id sent
 *   with the text, so a gateway that keeps references can tell us what it accepted.
 * - `unit_sms_phones`: the number each station is told on (set by the system administrator).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Each step may already be done: on SQLite a migration runs outside a transaction.
  await db.schema
    .createTable('sms_messages')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('outbox.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('to_phone', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('gateway', 'text')
    .addColumn('gateway_message_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sms_messages_outbox_recipient', ['outbox_id', 'recipient'])
    .execute();
  await db.schema.createIndex('sms_messages_due').ifNotExists().on('sms_messages').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('sms_messages_created').ifNotExists().on('sms_messages').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('sms_messages_gateway_id').ifNotExists().on('sms_messages').columns(['gateway', 'gateway_message_id']).execute();

  await db.schema
    .createTable('unit_sms_phones')
    .ifNotExists()
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_sms_phones').ifExists().execute();
  await db.schema.dropTable('sms_messages').ifExists().execute();
}
