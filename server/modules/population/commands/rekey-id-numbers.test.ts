import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-context.ts';
import { openCaseRow, type StoredCaseSecrets } from '../case-protection.ts';
import { blindIndexKeyId, KeyRing, protectedValueKeyId } from '../id-protection.ts';
import { listCasesAfter, listCasesByIds } from '../id-protection.repo.ts';
import {
  containedSecrets,
  ensureMigration0005,
  insertLegacyCases,
  type LegacyCase,
  overwriteCaseColumn,
  storedDatabaseBytes,
} from '../id-protection.test-support.ts';
import { protectExistingRows } from '../protect-existing-rows.ts';
import { rewriteCaseBatch } from '../rewrite-case-rows.ts';
import { rekeyIdNumbers } from './rekey-id-numbers.ts';

const K1 = { id: 'k1', secret: new Uint8Array(32).fill(0x41) };
const K2 = { id: 'k2', secret: new Uint8Array(32).fill(0x42) };
const K3 = { id: 'k3', secret: new Uint8Array(32).fill(0x43) };

describe('rekeyIdNumbers (rotation)', () => {
  let env: TestEnv;
  let legacy: LegacyCase[];
  const rows = async (): Promise<StoredCaseSecrets[]> => listCasesAfter(env.ctx.db.kysely, null, 10_000);

  function assertReadable(ring: KeyRing, stored: StoredCaseSecrets[]): void {
    assert.equal(stored.length, legacy.length);
    for (const row of stored) {
      const original = legacy.find((l) => l.id === row.id)!;
      const opened = openCaseRow(ring, row);
      assert.equal(opened.applicant_id_number, original.applicantIdNumber);
      assert.deepEqual(JSON.parse(opened.fields), original.fields);
      assert.ok(ring.blindIndexCandidates(original.applicantIdNumber).includes(row.applicant_id_index!));
    }
  }

  before(async () => {
    env = await createTestEnv();
    await ensureMigration0005(env.ctx.db);
    legacy = await insertLegacyCases(env.ctx, 120, '1962-08-06');
    await protectExistingRows(env.ctx.db, new KeyRing([K1]));
  });
  after(() => env.close());

  it('moves every value to the new key in batches, keeping the index and the old values readable until then', async () => {
    const rotated = new KeyRing([K2, K1], ['k1']);
    const before = await rows();
    assertReadable(rotated, before);
    const progress: number[] = [];
    const report = await rekeyIdNumbers(env.ctx.db, rotated, { batchSize: 50, onBatch: (r) => progress.push(r.scanned) });
    assert.deepEqual(progress, [50, 100, 120]);
    assert.equal(report.scanned, 120);
    assert.equal(report.rewritten, 120);
    assert.equal(report.reencrypted, 240);
    assert.equal(report.reindexed, 0);
    assert.deepEqual([report.problems, report.contended, report.compacted], [[], [], false]);
    const after = await rows();
    for (const row of after) {
      assert.equal(protectedValueKeyId(row.applicant_id_number), 'k2');
      assert.equal(protectedValueKeyId(row.fields), 'k2');
    }
    assert.deepEqual(
      after.map((r) => r.applicant_id_index),
      before.map((r) => r.applicant_id_index),
    );
    // k1 may now go for the values; it stays only as the index key.
    assertReadable(new KeyRing([K2, { id: 'k1', secret: K1.secret }], ['k1']), after);
  });

  it('is resumable: an interrupted run loses nothing and the next one finishes only what is left', async () => {
    const rotated = new KeyRing([K3, K2, K1], ['k1']);
    let lastId: string | null = null;
    await assert.rejects(
      rekeyIdNumbers(env.ctx.db, rotated, {
        batchSize: 40,
        onBatch: (r) => {
          lastId = r.lastId;
          throw new Error('stopped by the operator');
        },
      }),
      /stopped/,
    );
    const mid = await rows();
    assert.equal(mid.filter((r) => protectedValueKeyId(r.fields) === 'k3').length, 40);
    assertReadable(rotated, mid);

    const resumed = await rekeyIdNumbers(env.ctx.db, rotated, { batchSize: 40, startAfterId: lastId });
    assert.equal(resumed.scanned, 80);
    assert.equal(resumed.rewritten, 80);
    const fromStart = await rekeyIdNumbers(env.ctx.db, rotated, { batchSize: 40 });
    assert.equal(fromStart.scanned, 120);
    assert.equal(fromStart.rewritten, 0);
    assert.ok((await rows()).every((r) => protectedValueKeyId(r.applicant_id_number) === 'k3'));
  });

  it('rotates the blind index, while searches match old and new index values', async () => {
    const rotating = new KeyRing([K3, K2, K1], ['k2', 'k1']);
    const sample = legacy[7]!.applicantIdNumber;
    const candidates = rotating.blindIndexCandidates(sample);
    assert.ok((await rows()).some((r) => r.applicant_id_index === candidates[1]));
    const report = await rekeyIdNumbers(env.ctx.db, rotating, { batchSize: 50 });
    assert.equal(report.reindexed, 120);
    assert.equal(report.reencrypted, 0);
    const after = await rows();
    assert.ok(after.every((r) => blindIndexKeyId(r.applicant_id_index!) === 'k2'));
    assert.ok(after.some((r) => r.applicant_id_index === candidates[0]));
    assertReadable(new KeyRing([K3, K2], ['k2']), after);
  });

  it('with compact, leaves no value of the retired key in the database files', async () => {
    const before = await rows();
    const retired = before.flatMap((r) => [r.applicant_id_number, r.fields]).filter((v) => protectedValueKeyId(v) === 'k3');
    assert.ok(retired.length > 200);
    const sqliteFile = env.config.database.kind === 'sqlite' ? env.config.database.file : '';
    assert.ok(containedSecrets(await storedDatabaseBytes(env.ctx.db, sqliteFile), retired).length > 0);
    const report = await rekeyIdNumbers(env.ctx.db, new KeyRing([K1, K3, K2], ['k2']), { compact: true });
    assert.equal(report.compacted, true);
    assert.equal(report.reencrypted, 240);
    assert.deepEqual(containedSecrets(await storedDatabaseBytes(env.ctx.db, sqliteFile), retired), []);
    assertReadable(new KeyRing([K1, K2], ['k2']), await rows());
  });

  it('never overwrites a row changed between its read and its write', async () => {
    const rotated = new KeyRing([K2, K1], ['k2']);
    const stale = (await listCasesByIds(env.ctx.db.kysely, [legacy[0]!.id]))[0]!;
    const fresh = new KeyRing([K2], ['k2']);
    const newer = fresh.protect(JSON.stringify({ changed: true }), `cases.fields/${stale.id}`);
    await overwriteCaseColumn(env.ctx.db, stale.id, 'fields', newer);
    const outcome = await rewriteCaseBatch(env.ctx.db, rotated, [stale], 'current');
    assert.deepEqual([outcome.rewritten, outcome.contended], [0, [stale.id]]);
    const [now] = await listCasesByIds(env.ctx.db.kysely, [stale.id]);
    assert.equal(now?.fields, newer);
    await overwriteCaseColumn(env.ctx.db, stale.id, 'fields', stale.fields);
  });

  it('reports unreadable rows and carries on with the rest', async () => {
    const rotated = new KeyRing([K2, K1], ['k2']);
    const victim = legacy[3]!.id;
    const original = (await listCasesByIds(env.ctx.db.kysely, [victim]))[0]!;
    const flipped = original.applicant_id_number.slice(0, -2) + (original.applicant_id_number.endsWith('AA') ? 'BA' : 'AA');
    await overwriteCaseColumn(env.ctx.db, victim, 'applicant_id_number', flipped);
    const report = await rekeyIdNumbers(env.ctx.db, rotated, { batchSize: 50 });
    assert.deepEqual(report.problems, [{ caseId: victim, column: 'applicant_id_number', reason: 'integrity' }]);
    assert.equal(report.rewritten, 119);
    const [untouched] = await listCasesByIds(env.ctx.db.kysely, [victim]);
    assert.equal(untouched?.applicant_id_number, flipped);
    await overwriteCaseColumn(env.ctx.db, victim, 'applicant_id_number', original.applicant_id_number);
  });
});
