import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../server/config.ts';
import type { Database } from '../server/db/schema.ts';
import type { KeyRing } from '../server/modules/population/id-protection.ts';
import { type CaseSearchFilter, searchCases } from '../server/modules/cases/cases.repo.ts';
import { beijingDay, beijingDayEnd, beijingDayStart } from '../server/time/beijing-day.ts';
import type { CaseSample } from './bulk-load.ts';

export interface QueryPlan {
  shape: string;
  plan: string[];
}

/** The search shapes worth a plan: each filter alone, at city, branch and station scope, and a cursor page. */
function shapes(sample: CaseSample): { shape: string; filter: CaseSearchFilter; after?: { acceptedAt: string; id: string } }[] {
  const branch = ['420704000000', '420704510000', '420704520000', '420704530000'];
  const station = ['420704510000'];
  // The same 31 Beijing days around the case as search-queries.ts asks for, as the instants searchCasesInScope turns them into.
  const day = (offset: number) => beijingDay(new Date(Date.parse(sample.acceptedAt) + offset * 86_400_000));
  const from = beijingDayStart(day(-15)).toISOString();
  const before = beijingDayEnd(day(15)).toISOString();
  const out: ReturnType<typeof shapes> = [];
  for (const [scope, unitIds] of [
    ['city', null],
    ['branch', branch],
    ['station', station],
  ] as const) {
    const u = unitIds ? [...unitIds] : null;
    out.push(
      { shape: `${scope} newest`, filter: { unitIds: u } },
      { shape: `${scope} caseNo`, filter: { unitIds: u, caseNo: sample.caseNo } },
      { shape: `${scope} idNumber`, filter: { unitIds: u, idNumber: sample.idNumber } },
      { shape: `${scope} name`, filter: { unitIds: u, name: sample.name } },
      { shape: `${scope} subtype+dates`, filter: { unitIds: u, subtypeCode: sample.subtypeCode, acceptedFrom: from, acceptedBefore: before } },
      { shape: `${scope} status`, filter: { unitIds: u, status: 'returned' } },
      { shape: `${scope} page2`, filter: { unitIds: u }, after: { acceptedAt: sample.acceptedAt, id: 'ffffffff' } },
    );
  }
  return out;
}

/**
 * Runs the repository's own searchCases (cases.repo.ts) through a Kysely instance that logs the SQL
 * it sends, then asks the database how it runs that exact SQL: EXPLAIN QUERY PLAN on SQLite, EXPLAIN
 * on PostgreSQL. The plans show which index each search shape uses.
 */
export async function explainSearches(config: DatabaseConfig, ring: KeyRing, sample: CaseSample): Promise<QueryPlan[]> {
  let captured: { sql: string; parameters: readonly unknown[] } | undefined;
  const log = (event: { level: string; query: { sql: string; parameters: readonly unknown[] } }) => {
    if (event.level === 'query') captured = event.query;
  };
  const lastQuery = (shape: string) => {
    if (!captured) throw new Error(`searchCases sent no query for the search shape ${shape}`);
    return captured;
  };
  const plans: QueryPlan[] = [];
  if (config.kind === 'sqlite') {
    const raw = new SqliteDatabase(config.file, { readonly: true });
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log });
    try {
      for (const { shape, filter, after } of shapes(sample)) {
        await searchCases(kysely, ring, filter, 21, after);
        const query = lastQuery(shape);
        const rows = raw.prepare(`explain query plan ${query.sql}`).all(...query.parameters) as { detail: string }[];
        plans.push({ shape, plan: rows.map((r) => r.detail) });
      }
    } finally {
      await kysely.destroy();
    }
    return plans;
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 1 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  try {
    for (const { shape, filter, after } of shapes(sample)) {
      await searchCases(kysely, ring, filter, 21, after);
      const query = lastQuery(shape);
      const result = await pool.query<{ 'QUERY PLAN': string }>(`explain ${query.sql}`, [...query.parameters]);
      plans.push({ shape, plan: result.rows.map((r) => r['QUERY PLAN'].trim()) });
    }
  } finally {
    await kysely.destroy();
  }
  return plans;
}
