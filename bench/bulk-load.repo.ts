import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../server/config.ts';
import type { CasesTable } from '../server/db/schema.ts';
import { CASE_COLUMNS, type CaseRowDraft, counterDemand, numberDrafts, PAGE_COLUMNS, type PageRowDraft } from './case-rows.ts';

/**
 * The bulk loader's SQL: one transaction per batch that first reserves the batch's case numbers in
 * case_counters (the table the server's nextCaseCounter draws from) and then inserts the rows. The
 * server running beside the load and any later acceptance continue after the reserved blocks. The
 * cases' page rows go in the same transaction, every one pointing at `pageBlob`, a blob the server
 * stored (the sweep reads page rows, never their files).
 */
export interface ArchiveWriter {
  /** Writes one batch; returns the rows as stored, with their case numbers. */
  write(drafts: CaseRowDraft[]): Promise<CasesTable[]>;
  /** Closes the connection; returns the seconds spent on ANALYZE (PostgreSQL only). */
  finish(): Promise<number>;
}

// One reservation per (unit, day): add `count` to the counter, creating it when the day has none.
const RESERVE = `insert into case_counters (unit_id, day, last_no) values (?, ?, ?)
  on conflict (unit_id, day) do update set last_no = case_counters.last_no + excluded.last_no returning last_no`;

/** better-sqlite3, same pragmas as the server; BEGIN IMMEDIATE so the batch queues on the server's writer lock, not on a busy error. */
function sqliteWriter(file: string, pageBlob: string): ArchiveWriter {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  const reserve = db.prepare<[string, string, number], { last_no: number }>(RESERVE);
  const insert = db.prepare(`insert into cases (${CASE_COLUMNS.join(', ')}) values (${CASE_COLUMNS.map(() => '?').join(', ')})`);
  const insertPage = db.prepare(`insert into case_images (${PAGE_COLUMNS.join(', ')}) values (${PAGE_COLUMNS.map(() => '?').join(', ')})`);
  const writeBatch = db.transaction((drafts: CaseRowDraft[]) => {
    const lastNo = new Map(counterDemand(drafts).map((d) => [`${d.unitId}|${d.day}`, reserve.get(d.unitId, d.day, d.count)!.last_no]));
    const rows = numberDrafts(drafts, lastNo);
    for (const row of rows) insert.run(CASE_COLUMNS.map((c) => row[c]));
    for (const page of drafts.flatMap((d) => d.pages)) insertPage.run(pageValues(page, pageBlob));
    return rows;
  });
  return {
    write: async (drafts) => writeBatch.immediate(drafts),
    async finish() {
      // Fold the load's WAL into the database file now rather than in the middle of the search run.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      return 0;
    },
  };
}

const PG_TYPES: Record<string, string> = { chain_step: 'int', version: 'int', page_no: 'int', late: 'int' };

function pageValues(page: PageRowDraft, pageBlob: string): (string | number | null)[] {
  return PAGE_COLUMNS.map((c) => (c === 'blob_sha256' ? pageBlob : page[c]));
}

/** Any blob the server stored: the loaded pages all point at it. */
export async function anyStoredBlob(config: DatabaseConfig): Promise<string> {
  const select = 'select sha256 from blobs order by sha256 limit 1';
  let found: string | undefined;
  if (config.kind === 'sqlite') {
    const db = new SqliteDatabase(config.file, { readonly: true });
    found = db.prepare<[], { sha256: string }>(select).get()?.sha256;
    db.close();
  } else {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    found = (await client.query<{ sha256: string }>(select)).rows[0]?.sha256;
    await client.end();
  }
  if (!found) throw new Error('the archive load needs a blob the server stored for its pages to point at, and the database has none');
  return found;
}

/** All of a batch's reservations in one upsert and all its rows in one INSERT … SELECT FROM unnest(arrays). */
function postgresWriter(url: string, pageBlob: string): ArchiveWriter {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  const reserve = `insert into case_counters (unit_id, day, last_no) select * from unnest($1::text[], $2::text[], $3::int[])
    on conflict (unit_id, day) do update set last_no = case_counters.last_no + excluded.last_no returning unit_id, day, last_no`;
  const unnestInsert = (table: string, columns: readonly string[]) =>
    `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ')})`;
  const insert = unnestInsert('cases', CASE_COLUMNS);
  const insertPages = unnestInsert('case_images', PAGE_COLUMNS);
  return {
    async write(drafts) {
      await connected;
      const demand = counterDemand(drafts);
      await client.query('begin');
      try {
        const reserved = await client.query<{ unit_id: string; day: string; last_no: number }>(reserve, [
          demand.map((d) => d.unitId),
          demand.map((d) => d.day),
          demand.map((d) => d.count),
        ]);
        const rows = numberDrafts(drafts, new Map(reserved.rows.map((r) => [`${r.unit_id}|${r.day}`, Number(r.last_no)])));
        await client.query(
          insert,
          CASE_COLUMNS.map((c) => rows.map((r) => r[c])),
        );
        const pages = drafts.flatMap((d) => d.pages.map((p) => pageValues(p, pageBlob)));
        await client.query(
          insertPages,
          PAGE_COLUMNS.map((_, i) => pages.map((p) => p[i])),
        );
        await client.query('commit');
        return rows;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },
    async finish() {
      await connected;
      const started = performance.now();
      await client.query('analyze cases');
      await client.query('analyze case_images');
      const analyzeSeconds = (performance.now() - started) / 1000;
      await client.end();
      return analyzeSeconds;
    },
  };
}

export function openArchiveWriter(config: DatabaseConfig, pageBlob: string): ArchiveWriter {
  return config.kind === 'sqlite' ? sqliteWriter(config.file, pageBlob) : postgresWriter(config.url, pageBlob);
}
