import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, OutboxTable, SmsMessagesTable, UnitsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import type { OutboxTopic } from './outbox.ts';
import type { SmsRecipient, SmsState } from './sms-state.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The topics that become texts; other topics stay in the outbox for their own senders. */
export const SMS_TOPICS: readonly OutboxTopic[] = ['case.approved', 'case.returned'];

export function listPendingSmsOutbox(db: Q, limit: number): Promise<OutboxTable[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('topic', 'in', SMS_TOPICS)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks an outbox message rendered; false when another worker took it first. */
export async function claimOutboxMessage(tx: Tx, id: string, at: string): Promise<boolean> {
  const result = await tx
    .updateTable('outbox')
    .set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** What a text about a case needs: the case (ID number still sealed), its station and the station's number. */
export function readCaseForSms(tx: Q, caseId: string) {
  return tx
    .selectFrom('cases')
    .innerJoin('units', 'units.id', 'cases.unit_id')
    .leftJoin('unit_sms_phones', 'unit_sms_phones.unit_id', 'cases.unit_id')
    .select([
      'cases.id',
      'cases.case_no',
      'cases.catalog_version',
      'cases.subtype_code',
      'cases.unit_id',
      'cases.applicant_name',
      'cases.applicant_id_number',
      'cases.applicant_phone',
      'units.name as unit_name',
      'unit_sms_phones.phone as station_phone',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
}

export interface NewSms {
  outboxId: string;
  recipient: SmsRecipient;
  topic: OutboxTopic;
  caseId: string | null;
  unitId: string;
  to: string;
  text: string;
  /** failed (with the error) when it cannot be sent at all, e.g. the station has no number. */
  failed?: string;
}

/** Queues texts; a text already rendered for the same outbox message and recipient is kept, not doubled. */
export async function insertSms(tx: Tx, rows: readonly NewSms[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('sms_messages')
    .values(
      rows.map((row) => {
        const id = randomUUID();
        return {
          id,
          outbox_id: row.outboxId,
          recipient: row.recipient,
          topic: row.topic,
          case_id: row.caseId,
          unit_id: row.unitId,
          to_phone: row.to,
          text: row.text,
          state: row.failed ? ('failed' as const) : ('queued' as const),
          attempts: 0,
          next_attempt_at: row.failed ? null : at,
          lease_until: null,
          reference: id,
          gateway: null,
          gateway_message_id: null,
          last_error: row.failed ?? null,
          created_at: at,
          sent_at: null,
          delivered_at: null,
          updated_at: at,
        };
      }),
    )
    .onConflict((oc) => oc.columns(['outbox_id', 'recipient']).doNothing())
    .execute();
}

/** Queued texts whose next attempt is due, oldest first (candidates: each is still claimed on its own). */
export async function listDueSms(db: Q, at: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('sms_messages')
    .select('id')
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Claims one text for one attempt: queued → sending, attempts + 1, under a lease. The conditional
 * update is the whole guard: of two workers, exactly one sees a row changed. Answers the claimed row.
 */
export async function claimSms(db: Q, id: string, at: string, leaseUntil: string): Promise<SmsMessagesTable | undefined> {
  const result = await db
    .updateTable('sms_messages')
    .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), lease_until: leaseUntil, updated_at: at }))
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return undefined;
  return db.selectFrom('sms_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Texts left 'sending' by a worker that died mid-attempt (their lease ran out). */
export function listStaleSending(db: Q, at: string, limit: number): Promise<SmsMessagesTable[]> {
  return db.selectFrom('sms_messages').selectAll().where('state', '=', 'sending').where('lease_until', '<', at).limit(limit).execute();
}

export interface AttemptOutcome {
  state: SmsState;
  at: string;
  gateway?: string;
  gatewayMessageId?: string | null;
  error?: string | null;
  nextAttemptAt?: string | null;
}

/**
 * Records how an attempt ended, only if the row is still this attempt's (state sending, same attempt
 * count): a worker whose lease was taken over cannot overwrite what the next one recorded.
 */
export async function recordAttempt(db: Q, row: Pick<SmsMessagesTable, 'id' | 'attempts'>, outcome: AttemptOutcome): Promise<boolean> {
  const result = await db
    .updateTable('sms_messages')
    .set({
      state: outcome.state,
      lease_until: null,
      updated_at: outcome.at,
      last_error: outcome.error ?? null,
      next_attempt_at: outcome.nextAttemptAt ?? null,
      ...(outcome.gateway ? { gateway: outcome.gateway, gateway_message_id: outcome.gatewayMessageId ?? null } : {}),
      ...(outcome.state === 'sent' || outcome.state === 'delivered' ? { sent_at: outcome.at } : {}),
      ...(outcome.state === 'delivered' ? { delivered_at: outcome.at } : {}),
    })
    .where('id', '=', row.id)
    .where('state', '=', 'sending')
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** A delivery receipt: a sent text becomes delivered, or failed with the centre's status. */
export async function recordReceipt(db: Q, gateway: string, messageId: string, delivered: boolean, status: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('sms_messages')
    .set(
      delivered
        ? { state: 'delivered', delivered_at: at, updated_at: at }
        : { state: 'failed', last_error: `短信中心回执：${status}`, updated_at: at },
    )
    .where('gateway', '=', gateway)
    .where('gateway_message_id', '=', messageId)
    .where('state', '=', 'sent')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A failed text queued again by an administrator: a fresh round of attempts, due now. */
export async function requeueSms(tx: Tx, id: string, at: string): Promise<boolean> {
  const result = await tx
    .updateTable('sms_messages')
    .set({ state: 'queued', attempts: 0, next_attempt_at: at, lease_until: null, last_error: null, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export type SmsRow = SmsMessagesTable & { unit_name: string; case_no: string | null };

function selectSms(db: Q) {
  return db
    .selectFrom('sms_messages')
    .innerJoin('units', 'units.id', 'sms_messages.unit_id')
    .leftJoin('cases', 'cases.id', 'sms_messages.case_id')
    .selectAll('sms_messages')
    .select(['units.name as unit_name', 'cases.case_no']);
}

export function findSms(db: Q, id: string): Promise<SmsRow | undefined> {
  return selectSms(db).where('sms_messages.id', '=', id).executeTakeFirst();
}

export interface SmsFilter {
  /** null: every unit (a city-wide reader). */
  unitIds: readonly string[] | null;
  state?: SmsState;
}

function filtered<T extends ReturnType<typeof selectSms>>(query: T, filter: SmsFilter): T {
  let q = query;
  if (filter.unitIds) q = q.where('sms_messages.unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : ['']) as T;
  if (filter.state) q = q.where('sms_messages.state', '=', filter.state) as T;
  return q;
}

export function listSms(db: Q, filter: SmsFilter, page: { offset: number; limit: number }): Promise<SmsRow[]> {
  return filtered(selectSms(db), filter)
    .orderBy('sms_messages.created_at', 'desc')
    .orderBy('sms_messages.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countSms(db: Q, filter: SmsFilter): Promise<number> {
  const row = await filtered(selectSms(db), filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type StationPhoneRow = Pick<UnitsTable, 'id' | 'code' | 'name' | 'name_en' | 'path'> & {
  phone: string | null;
  updated_at: string | null;
};

/** The stations (where cases are held) and the number each is told on, if set. */
export function listStationPhones(db: Q): Promise<StationPhoneRow[]> {
  return db
    .selectFrom('units')
    .leftJoin('unit_sms_phones', 'unit_sms_phones.unit_id', 'units.id')
    .select(['units.id', 'units.code', 'units.name', 'units.name_en', 'units.path', 'unit_sms_phones.phone', 'unit_sms_phones.updated_at'])
    .where('units.kind', '=', 'station')
    .orderBy('units.code')
    .execute();
}

export async function setStationPhone(tx: Tx, unitId: string, phone: string | null, at: string, by: string): Promise<string | null> {
  const before = await tx.selectFrom('unit_sms_phones').select('phone').where('unit_id', '=', unitId).executeTakeFirst();
  if (phone === null) {
    await tx.deleteFrom('unit_sms_phones').where('unit_id', '=', unitId).execute();
  } else {
    await tx
      .insertInto('unit_sms_phones')
      .values({ unit_id: unitId, phone, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ phone, updated_at: at, updated_by: by }))
      .execute();
  }
  return before?.phone ?? null;
}
