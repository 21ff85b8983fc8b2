import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../server/config.ts';
import type { CasesTable } from '../server/db/schema.ts';
import { CASE_COLUMNS, CaseNumbers, caseRow } from './case-rows.ts';
import type { PlannedCase } from './workload.ts';

/** A loaded case the search bench looks for again: by number, person, name, sub-type and date. */
export interface CaseSample {
  caseNo: string;
  idNumber: string;
  name: string;
  subtypeCode: string;
  acceptedAt: string;
  unitId: string;
  status: string;
}

export interface BulkLoadResult {
  rows: number;
  seconds: number;
  /** Time spent inside the database driver only (the rest is generating the workload). */
  dbSeconds: number;
  /** ANALYZE after the load (PostgreSQL only; what autovacuum would do on its own a little later). */
  analyzeSeconds: number;
  samples: CaseSample[];
}

export interface BulkLoadOptions {
  plans: Iterable<PlannedCase>;
  count: number;
  asOf: Date;
  catalogVersion: string;
  userIds: Map<string, string>;
  samples: number;
  onProgress?: (rows: number) => void;
}

const BATCH = 10_000;

interface RowWriter {
  write(rows: CasesTable[]): Promise<void> | void;
  finish(): Promise<number>;
}

/** better-sqlite3 prepared statement, one transaction per batch; same pragmas as the server. */
function sqliteWriter(file: string): RowWriter {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare(`insert into cases (${CASE_COLUMNS.join(', ')}) values (${CASE_COLUMNS.map(() => '?').join(', ')})`);
  const insertAll = db.transaction((rows: CasesTable[]) => {
    for (const row of rows) insert.run(CASE_COLUMNS.map((c) => row[c]));
  });
  return {
    write: (rows) => insertAll(rows),
    async finish() {
      // Fold the load's WAL into the database file now rather than in the middle of the search run.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      return 0;
    },
  };
}

const PG_TYPES: Record<string, string> = { chain_step: 'int', version: 'int' };

/** One multi-row INSERT … SELECT FROM unnest(arrays) per batch: 20 parameters however many rows. */
function postgresWriter(url: string): RowWriter {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  const text = `insert into cases (${CASE_COLUMNS.join(', ')}) select * from unnest(${CASE_COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ')})`;
  return {
    async write(rows) {
      await connected;
      await client.query(text, CASE_COLUMNS.map((c) => rows.map((r) => r[c])));
    },
    async finish() {
      await connected;
      const started = performance.now();
      await client.query('analyze cases');
      const analyzeSeconds = (performance.now() - started) / 1000;
      await client.end();
      return analyzeSeconds;
    },
  };
}

/**
 * Inserts `count` synthetic cases straight into the cases table (no action rows, images or audit
 * events: the search reads only cases and units). Rows arrive in acceptance order, as they would.
 */
export async function bulkLoadCases(config: DatabaseConfig, options: BulkLoadOptions): Promise<BulkLoadResult> {
  const writer = config.kind === 'sqlite' ? sqliteWriter(config.file) : postgresWriter(config.url);
  const numbers = new CaseNumbers();
  const every = Math.max(1, Math.floor(options.count / Math.max(1, options.samples)));
  const samples: CaseSample[] = [];
  const started = performance.now();
  let dbMs = 0;
  let rows = 0;
  let batch: CasesTable[] = [];
  const flush = async () => {
    const t = performance.now();
    await writer.write(batch);
    dbMs += performance.now() - t;
    rows += batch.length;
    batch = [];
    options.onProgress?.(rows);
    // better-sqlite3 is synchronous: without a real turn of the event loop the bench's own keep-alive
    // sockets would never see the server close them while idle, and the next request would fail.
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const plan of options.plans) {
    if (rows + batch.length >= options.count) break;
    const acceptedBy = options.userIds.get(plan.officer);
    if (!acceptedBy) throw new Error(`no user ${plan.officer} in the database`);
    const row = caseRow(plan, options.asOf, numbers.next(plan.station.casePrefix, plan.acceptedAt), options.catalogVersion, acceptedBy);
    batch.push(row);
    if (plan.serial % every === every - 1) {
      samples.push({
        caseNo: row.case_no, idNumber: row.applicant_id_number, name: row.applicant_name, subtypeCode: row.subtype_code,
        acceptedAt: row.accepted_at, unitId: row.unit_id, status: row.status,
      });
    }
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  const t = performance.now();
  const analyzeSeconds = await writer.finish();
  dbMs += performance.now() - t - analyzeSeconds * 1000;
  return { rows, seconds: (performance.now() - started) / 1000 - analyzeSeconds, dbSeconds: dbMs / 1000, analyzeSeconds, samples };
}
