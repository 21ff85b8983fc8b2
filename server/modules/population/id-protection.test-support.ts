// Helpers for the database tests of ID-number protection (not a test file itself).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { up as migrate0005 } from '../../db/migrations/0005_id_numbers_at_rest.ts';
import { demoCitizenId } from './demo-people.ts';

/** Applies migration 0005 when migrate.ts does not list it yet, so the tests run before and after it is registered. */
export async function ensureMigration0005(db: Db): Promise<void> {
  const cases = (await db.kysely.introspection.getTables()).find((t) => t.name === 'cases');
  if (!cases?.columns.some((c) => c.name === 'applicant_id_index')) await migrate0005(db.kysely as Kysely<any>);
}

export interface LegacyCase {
  id: string;
  applicantIdNumber: string;
  fields: Record<string, string | number>;
  /** Every personal value of the row that must never be readable from the database files. */
  secrets: string[];
}

/**
 * Rows as the application wrote them before migration 0005: applicant number and `fields` in
 * plain text, no blind index. Each row gets its own numbers (birth date `birthDate`, serials
 * from `firstSerial`) and a distinctive address.
 */
export async function insertLegacyCases(ctx: AppContext, count: number, birthDate: string, firstSerial = 1): Promise<LegacyCase[]> {
  const db = ctx.db.kysely as Kysely<any>;
  const catalog = ctx.catalogs.versions()[0]!;
  const subtype = catalog.categories.flatMap((c) => c.subtypes).find((s) => s.fields.some((f) => f.type === 'idNumber'))!;
  const user = await db.selectFrom('users').select(['id', 'unit_id']).orderBy('username').executeTakeFirstOrThrow();
  const cases: LegacyCase[] = [];
  const rows: Record<string, unknown>[] = [];
  for (let serial = firstSerial; serial < firstSerial + count; serial++) {
    const applicantIdNumber = demoCitizenId('420703', birthDate, serial, 'male');
    const fields: Record<string, string | number> = {};
    const secrets = [applicantIdNumber];
    // Parents' and others' numbers: other divisions than the applicant's, so every number differs.
    subtype.fields
      .filter((f) => f.type === 'idNumber')
      .forEach((field, j) => {
        const number = demoCitizenId(['420702', '420704', '420781'][j % 3]!, birthDate, serial, j < 3 ? 'female' : 'male');
        fields[field.key] = number;
        secrets.push(number);
      });
    fields.address = `鄂州市测试巷${serial}号隐私门牌`;
    secrets.push(fields.address);
    const id = randomUUID();
    const at = new Date(Date.parse('2025-01-01T00:00:00Z') + serial * 60_000).toISOString();
    rows.push({
      id,
      case_no: `T${birthDate.replaceAll('-', '')}${String(serial).padStart(5, '0')}`,
      catalog_version: catalog.version,
      subtype_code: subtype.code,
      unit_id: user.unit_id,
      status: 'accepted',
      chain_step: 0,
      applicant_name: '测试',
      applicant_id_number: applicantIdNumber,
      applicant_phone: null,
      fields: JSON.stringify(fields),
      accepted_by: user.id,
      accepted_at: at,
      capture_deadline: at,
      submitted_at: null,
      approval_deadline: null,
      decided_at: null,
      closed_at: null,
      version: 0,
      updated_at: at,
    });
    cases.push({ id, applicantIdNumber, fields, secrets });
  }
  await db.transaction().execute(async (tx) => {
    for (const row of rows) await tx.insertInto('cases').values(row).execute();
  });
  return cases;
}

/** Stores a raw value in a case column, as someone with write access to the database could. */
export async function overwriteCaseColumn(db: Db, caseId: string, column: 'applicant_id_number' | 'fields', value: string): Promise<void> {
  await (db.kysely as Kysely<any>)
    .updateTable('cases')
    .set({ [column]: value })
    .where('id', '=', caseId)
    .execute();
}

/**
 * Every byte the database keeps on disk for the data in question. SQLite: the database file with
 * its -wal and -shm. PostgreSQL (as superuser): after a CHECKPOINT, the files of `cases`, its
 * TOAST table and all its indexes, read with pg_read_binary_file.
 */
export async function storedDatabaseBytes(db: Db, sqliteFile: string): Promise<Buffer> {
  if (db.dialect === 'sqlite') {
    const dir = path.dirname(sqliteFile);
    const base = path.basename(sqliteFile);
    return Buffer.concat(
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(base))
        .map((f) => fs.readFileSync(path.join(dir, f))),
    );
  }
  await sql`checkpoint`.execute(db.kysely);
  const { rows } = await sql<{ file: string }>`
    select pg_relation_filepath(c.oid) as file from pg_class c
    where c.oid = 'cases'::regclass
       or c.oid = (select reltoastrelid from pg_class where oid = 'cases'::regclass)
       or c.oid in (select indexrelid from pg_index where indrelid = 'cases'::regclass)`.execute(db.kysely);
  const parts: Buffer[] = [];
  for (const { file } of rows) {
    const read = await sql<{ data: Buffer }>`select pg_read_binary_file(${file}) as data`.execute(db.kysely);
    parts.push(read.rows[0]!.data);
  }
  return Buffer.concat(parts);
}

export function containedSecrets(bytes: Buffer, secrets: readonly string[]): string[] {
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
}

/** The names of the indexes on `cases`. */
export async function caseIndexNames(db: Db): Promise<string[]> {
  const { rows } =
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'cases'`.execute(db.kysely)
      : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'cases'`.execute(db.kysely);
  return rows.map((r) => r.name).sort();
}
