import { type Kysely, PostgresAdapter, sql } from 'kysely';

const APPEND_ONLY_TABLES = ['audit_events', 'case_actions'];

// Landed migrations are never rewritten: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('units.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('case_prefix', 'text', (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('catalog_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('catalog_version', 'text', (c) => c.notNull().references('catalog_versions.version'))
    .addColumn('subtype_code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('chain_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('capture_deadline', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approval_deadline', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_unit_accepted').on('cases').columns(['unit_id', 'accepted_at']).execute();
  await db.schema.createIndex('cases_id_number').on('cases').column('applicant_id_number').execute();
  await db.schema.createIndex('cases_name').on('cases').columns(['applicant_name', 'accepted_at']).execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['status', 'accepted_at']).execute();
  await db.schema.createIndex('cases_subtype').on('cases').columns(['subtype_code', 'accepted_at']).execute();
  await db.schema.createIndex('cases_accepted_at').on('cases').column('accepted_at').execute();

  await db.schema
    .createTable('case_actions')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('actor_unit_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_actions_pk', ['case_id', 'seq'])
    .execute();

  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('sm3', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('material_code', 'text', (c) => c.notNull())
    .addColumn('page_no', 'integer', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('captured_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('case_images_case').on('case_images').columns(['case_id', 'material_code']).execute();

  await db.schema
    .createTable('case_counters')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_counters_pk', ['unit_id', 'day'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('idem_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_id', 'idem_key'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_unit_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_case').on('audit_events').columns(['case_id', 'seq']).execute();
  await guardAppendOnly(db);
}

/**
 * The trail and the action log are append-only in the database itself, not only by the code's
 * habit: an UPDATE or DELETE aborts. Someone with the database owner's rights can still drop the
 * guard, which is what the hash chain and `hukou verify` are for.
 */
async function guardAppendOnly(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'append-only table %', tg_table_name; end $$`.execute(db);
    for (const table of APPEND_ONLY_TABLES) {
      await sql
        .raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function refuse_change()`)
        .execute(db);
    }
    return;
  }
  for (const table of APPEND_ONLY_TABLES) {
    for (const op of ['update', 'delete']) {
      await sql
        .raw(`create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, 'append-only table ${table}'); end`)
        .execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted');
}
