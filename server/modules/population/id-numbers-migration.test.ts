import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../../test/support/test-context.ts';
import { up } from '../../db/migrations/0005_id_numbers_at_rest.ts';
import { COMPACT_CASES_TASK, runPendingCompaction } from './compact-case-storage.ts';
import { isMaintenancePending } from './id-protection.repo.ts';
import { caseIndexNames, ensureMigration0005 } from './id-protection.test-support.ts';

describe('migration 0005_id_numbers_at_rest', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
    await ensureMigration0005(env.ctx.db);
  });
  after(() => env.close());

  it('adds the blind-index column with its index and drops the plain ID-number index', async () => {
    const cases = (await env.ctx.db.kysely.introspection.getTables()).find((t) => t.name === 'cases')!;
    const column = cases.columns.find((c) => c.name === 'applicant_id_index');
    assert.ok(column);
    assert.equal(column.isNullable, true);
    const indexes = await caseIndexNames(env.ctx.db);
    assert.ok(indexes.includes('cases_id_index'));
    assert.ok(!indexes.includes('cases_id_number'));
  });

  it('leaves a compaction owed, which the data step then does once', async () => {
    await sql`delete from data_maintenance`.execute(env.ctx.db.kysely);
    await up(env.ctx.db.kysely as Kysely<any>);
    assert.equal(await isMaintenancePending(env.ctx.db.kysely, COMPACT_CASES_TASK), true);
    assert.equal(await runPendingCompaction(env.ctx.db), 'done');
    assert.equal(await isMaintenancePending(env.ctx.db.kysely, COMPACT_CASES_TASK), false);
  });

  it('runs again after stopping part-way (SQLite runs migrations outside a transaction)', async () => {
    await sql`drop index cases_id_index`.execute(env.ctx.db.kysely);
    await up(env.ctx.db.kysely as Kysely<any>);
    await up(env.ctx.db.kysely as Kysely<any>);
    const indexes = await caseIndexNames(env.ctx.db);
    assert.equal(indexes.filter((i) => i === 'cases_id_index').length, 1);
    assert.ok(!indexes.includes('cases_id_number'));
  });
});
