import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '../../../test/support/test-context.ts';
import { caseValueContext, openCaseRow } from './case-protection.ts';
import { requestCaseCompaction, runPendingCompaction } from './compact-case-storage.ts';
import { DataKeyConfigError } from './data-keys.ts';
import { KeyRing } from './id-protection.ts';
import { listCasesAfter, listCasesByIds, listUnindexedCases } from './id-protection.repo.ts';
import {
  containedSecrets,
  ensureMigration0005,
  insertLegacyCases,
  type LegacyCase,
  overwriteCaseColumn,
  storedDatabaseBytes,
} from './id-protection.test-support.ts';
import { protectExistingRows, UnconvertibleRowsError } from './protect-existing-rows.ts';
import { rewriteCaseBatch } from './rewrite-case-rows.ts';

const K1 = { id: 'k1', secret: new Uint8Array(32).fill(0x31) };
const ring = new KeyRing([K1]);

describe('protectExistingRows (the data step after migration 0005)', () => {
  let env: TestEnv;
  let sqliteFile: string;
  const bytes = () => storedDatabaseBytes(env.ctx.db, sqliteFile);

  async function assertConverted(legacy: readonly LegacyCase[]): Promise<void> {
    const rows = await listCasesByIds(
      env.ctx.db.kysely,
      legacy.map((l) => l.id),
    );
    assert.equal(rows.length, legacy.length);
    for (const row of rows) {
      const original = legacy.find((l) => l.id === row.id)!;
      assert.match(row.applicant_id_number, /^e1\.k1\./);
      assert.match(row.fields, /^e1\.k1\./);
      assert.equal(row.applicant_id_index, ring.blindIndex(original.applicantIdNumber));
      const opened = openCaseRow(ring, row);
      assert.equal(opened.applicant_id_number, original.applicantIdNumber);
      assert.deepEqual(JSON.parse(opened.fields), original.fields);
    }
  }

  before(async () => {
    env = await createTestEnv();
    await ensureMigration0005(env.ctx.db);
    sqliteFile = env.config.database.kind === 'sqlite' ? env.config.database.file : '';
  });
  after(() => env.close());

  it('encrypts every plain row in batches and leaves no ID number, name or address in the database files', async () => {
    const legacy = await insertLegacyCases(env.ctx, 230, '1957-03-21');
    const secrets = legacy.flatMap((l) => l.secrets);
    assert.ok(secrets.length >= 230 * 3);
    // The check can fail: before the conversion the files do hold the plain values.
    assert.equal(containedSecrets(await bytes(), secrets).length, secrets.length);

    const report = await protectExistingRows(env.ctx.db, ring, { batchSize: 100 });
    assert.deepEqual(report, { converted: 230, protectedValues: 460, compacted: true });
    await assertConverted(legacy);
    assert.deepEqual(containedSecrets(await bytes(), secrets), []);
  });

  it('is idempotent: a second run finds nothing to do and changes nothing', async () => {
    const before = await listUnindexedCases(env.ctx.db.kysely, 10, []);
    assert.deepEqual(before, []);
    const snapshot = JSON.stringify(await listCasesByIds(env.ctx.db.kysely, await allCaseIds(env)));
    assert.deepEqual(await protectExistingRows(env.ctx.db, ring, { batchSize: 100 }), { converted: 0, protectedValues: 0, compacted: false });
    assert.equal(JSON.stringify(await listCasesByIds(env.ctx.db.kysely, await allCaseIds(env))), snapshot);
  });

  it('finishes a conversion that was interrupted, including the compaction it owed', async () => {
    await requestCaseCompaction(env.ctx.db, new Date());
    const legacy = await insertLegacyCases(env.ctx, 50, '1958-04-02');
    // The interrupted run: one batch of 20 committed, then the process stopped.
    const first = await listUnindexedCases(env.ctx.db.kysely, 20, []);
    assert.equal((await rewriteCaseBatch(env.ctx.db, ring, first, 'plain')).rewritten, 20);
    assert.equal((await listUnindexedCases(env.ctx.db.kysely, 100, [])).length, 30);

    const report = await protectExistingRows(env.ctx.db, ring, { batchSize: 7 });
    assert.deepEqual(report, { converted: 30, protectedValues: 60, compacted: true });
    await assertConverted(legacy);
    assert.deepEqual(
      containedSecrets(
        await bytes(),
        legacy.flatMap((l) => l.secrets),
      ),
      [],
    );
  });

  it('owes the compaction while an older snapshot could still see the plain values, and does it once that ends', async () => {
    // SQLite: a reader in another connection keeps the WAL. PostgreSQL: a transaction in another
    // database is enough, because the VACUUM's own snapshot then reaches back before the conversion.
    const older = await openOlderSnapshot(env);
    let report;
    try {
      const legacy = await insertLegacyCases(env.ctx, 20, '1961-07-05');
      report = await protectExistingRows(env.ctx.db, ring, { compactionWaitMs: 150 });
      assert.deepEqual(report, { converted: 20, protectedValues: 40, compacted: false });
      await older.end();
      assert.equal(await runPendingCompaction(env.ctx.db), 'done');
      assert.equal(await runPendingCompaction(env.ctx.db), 'nothing-owed');
      assert.deepEqual(
        containedSecrets(
          await bytes(),
          legacy.flatMap((l) => l.secrets),
        ),
        [],
      );
    } finally {
      await older.end();
    }
  });

  it('refuses keys that do not fit the stored rows before converting anything', async () => {
    const pending = (await insertLegacyCases(env.ctx, 1, '1959-05-03'))[0]!;
    const lostKeyFile = new KeyRing([{ id: 'k1', secret: new Uint8Array(32).fill(0x99) }]);
    await assert.rejects(
      protectExistingRows(env.ctx.db, lostKeyFile),
      (e: unknown) => e instanceof DataKeyConfigError && /does not open/.test(e.message),
    );
    const missingKey = new KeyRing([{ id: 'k2', secret: new Uint8Array(32).fill(0x32) }]);
    await assert.rejects(
      protectExistingRows(env.ctx.db, missingKey),
      (e: unknown) => e instanceof DataKeyConfigError && /'k1', which is not configured/.test(e.message),
    );
    const wrongIndexKey = new KeyRing([K1, { id: 'k2', secret: new Uint8Array(32).fill(0x32) }], ['k2']);
    await assert.rejects(
      protectExistingRows(env.ctx.db, wrongIndexKey),
      (e: unknown) => e instanceof DataKeyConfigError && /indexed under key 'k1'/.test(e.message),
    );
    assert.deepEqual(
      (await listUnindexedCases(env.ctx.db.kysely, 10, [])).map((r) => r.id),
      [pending.id],
    );

    assert.equal((await protectExistingRows(env.ctx.db, ring)).converted, 1);
    await assertConverted([pending]);
  });

  it('converts the good rows and reports, untouched, those neither plain nor openable', async () => {
    const [good, futureFormat, altered] = (await insertLegacyCases(env.ctx, 3, '1960-06-04')) as [LegacyCase, LegacyCase, LegacyCase];
    await overwriteCaseColumn(env.ctx.db, futureFormat.id, 'applicant_id_number', 'e2.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const forged = new KeyRing([{ id: 'k1', secret: new Uint8Array(32).fill(0x77) }]).protect('{}', caseValueContext(altered.id, 'fields'));
    await overwriteCaseColumn(env.ctx.db, altered.id, 'fields', forged);
    await assert.rejects(protectExistingRows(env.ctx.db, ring), (e: unknown) => {
      assert.ok(e instanceof UnconvertibleRowsError);
      assert.deepEqual(
        e.problems.map((p) => [p.caseId, p.column, p.reason]).sort(),
        [
          [futureFormat.id, 'applicant_id_number', 'format'],
          [altered.id, 'fields', 'integrity'],
        ].sort(),
      );
      return true;
    });
    await assertConverted([good]);
    const untouched = (await listCasesByIds(env.ctx.db.kysely, [futureFormat.id]))[0]!;
    assert.equal(untouched.applicant_id_index, null);
    assert.match(untouched.applicant_id_number, /^e2\./);
  });
});

async function allCaseIds(env: TestEnv): Promise<string[]> {
  const ids: string[] = [];
  for (let last: string | null = null; ;) {
    const page = await listCasesAfter(env.ctx.db.kysely, last, 100);
    if (page.length === 0) return ids;
    ids.push(...page.map((r) => r.id));
    last = page[page.length - 1]!.id;
  }
}

/** Holds a snapshot older than anything written next, until end() (idempotent). */
async function openOlderSnapshot(env: TestEnv): Promise<{ end(): Promise<void> }> {
  let ended = false;
  if (env.config.database.kind === 'sqlite') {
    const reader = new SqliteDatabase(env.config.database.file, { readonly: true });
    reader.exec('begin');
    reader.prepare('select count(*) from cases').get();
    return {
      async end() {
        if (!ended) {
          ended = true;
          reader.exec('commit');
          reader.close();
        }
      },
    };
  }
  const client = new pg.Client({ connectionString: process.env.HUKOU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  await client.query('begin');
  await client.query('select pg_current_xact_id()');
  return {
    async end() {
      if (!ended) {
        ended = true;
        await client.query('commit');
        await client.end();
      }
    },
  };
}
