import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { FsBlobStore } from '../server/blobs/fs-store.ts';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { as } from './support/api.ts';
import { acceptSample, captureRequired, subtypeWithChain } from './support/journey.ts';
import { dropAppendOnlyGuards } from './support/tamper.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** Tampering is done with raw SQL and file writes, as an intruder with database access would. */
describe('tamper-evident trail', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
    const officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    for (let i = 1; i <= 2; i++) {
      const kase = await acceptSample(officer, subtype, i);
      await captureRequired(officer, kase.id, subtype);
      await officer.get(`/api/cases/${kase.id}`);
    }
  });
  afterEach(async () => {
    await env.close();
  });

  const verify = () => verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs);
  /** The first problem verify reports; the test fails when it finds none. */
  const firstProblem = async () => {
    const [problem] = (await verify()).problems;
    assert.ok(problem, 'verify found no problem');
    return problem;
  };
  const db = () => env.ctx.db.kysely;

  it('finds an intact archive intact', async () => {
    const report = await verify();
    assert.deepEqual(report.problems, []);
    assert.ok(report.auditEvents > 10);
    assert.ok(report.blobs >= 2);
  });

  it('refuses updates and deletes of the trail and the action log in the database itself', async () => {
    await assert.rejects(sql`update audit_events set reason = 'x' where seq = 1`.execute(db()), /append-only/);
    await assert.rejects(sql`delete from audit_events where seq = 1`.execute(db()), /append-only/);
    await assert.rejects(sql`update case_actions set action = 'approve'`.execute(db()), /append-only/);
    await assert.rejects(sql`delete from case_actions`.execute(db()), /append-only/);
  });

  describe('after the guards are dropped', () => {
    beforeEach(async () => {
      await dropAppendOnlyGuards(env.ctx.db);
    });

    it('names the row whose content was edited', async () => {
      await sql`update audit_events set detail = ${'{"forged":true}'} where seq = 5`.execute(db());
      const problem = await firstProblem();
      assert.equal(problem.kind, 'audit_hash');
      assert.equal(problem.where, 'audit_events seq 5');
    });

    it('catches an edit that also recomputes the row hash', async () => {
      const { auditEventHash } = await import('../server/modules/audit/audit-hash.ts');
      const row = await db().selectFrom('audit_events').selectAll().where('seq', '=', 6).executeTakeFirstOrThrow();
      const forged = { ...row, actor_id: 'someone-else' };
      const { hash: _old, ...unhashed } = forged;
      await sql`update audit_events set actor_id = ${forged.actor_id}, hash = ${auditEventHash(unhashed)} where seq = 6`.execute(db());
      const problem = await firstProblem();
      assert.equal(problem.kind, 'audit_prev_hash');
      assert.equal(problem.where, 'audit_events seq 7');
    });

    it('names the gap where a row was deleted', async () => {
      await sql`delete from audit_events where seq = 4`.execute(db());
      const problem = await firstProblem();
      assert.equal(problem.kind, 'audit_seq_gap');
      assert.match(problem.message, /expected seq 4, found 5/);
    });

    it('catches a deleted tail that hid a case act', async () => {
      const last = await db()
        .selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'case.capture')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await sql`delete from audit_events where seq >= ${last.seq}`.execute(db());
      const problem = await firstProblem();
      assert.equal(problem.kind, 'case_action_unaudited');
    });

    it('catches a well-formed row inserted into the middle of the chain', async () => {
      const { auditEventHash } = await import('../server/modules/audit/audit-hash.ts');
      const third = await db().selectFrom('audit_events').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      await sql`update audit_events set seq = seq + 1000000 where seq >= 4`.execute(db());
      await sql`update audit_events set seq = seq - 1000000 + 1 where seq >= 1000004`.execute(db());
      const { hash: _h, ...unhashed } = { ...third, seq: 4, action: 'case.view' as const, detail: '{}', prev_hash: third.hash };
      await db()
        .insertInto('audit_events')
        .values({ ...unhashed, hash: auditEventHash(unhashed) })
        .execute();
      const problem = await firstProblem();
      assert.equal(problem.kind, 'audit_prev_hash');
      assert.equal(problem.where, 'audit_events seq 5');
    });

    it('catches two rows swapped', async () => {
      await sql`update audit_events set seq = -1 where seq = 8`.execute(db());
      await sql`update audit_events set seq = 8 where seq = 9`.execute(db());
      await sql`update audit_events set seq = 9 where seq = -1`.execute(db());
      const problem = await firstProblem();
      assert.equal(problem.where, 'audit_events seq 8');
    });

    it('names a blob with one flipped byte, and a missing blob', async () => {
      const [first, second] = await db().selectFrom('blobs').select('sha256').orderBy('sha256').limit(2).execute();
      assert.ok(first && second, 'the archive holds two blobs');
      const store = env.ctx.blobs as FsBlobStore;
      const file = store.pathOf(first.sha256);
      fs.chmodSync(file, 0o640);
      const bytes = fs.readFileSync(file);
      const middle = bytes.length >> 1;
      bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
      fs.writeFileSync(file, bytes);
      fs.rmSync(store.pathOf(second.sha256));
      const { problems } = await verify();
      assert.deepEqual(
        problems.map((p) => [p.kind, p.where]),
        [
          ['blob_sha256', `blob ${first.sha256}`],
          ['blob_missing', `blob ${second.sha256}`],
        ],
      );
      await assert.rejects(store.get(first.sha256), { code: 'BLOB_INTEGRITY_FAILED' });
    });

    it('`hukou verify` exits 0 on an intact archive and 1 naming the first bad row', async () => {
      const vars = {
        ...process.env,
        HUKOU_DATA_DIR: env.dir,
        HUKOU_LOG_LEVEL: 'silent',
        DATABASE_URL: env.config.database.kind === 'postgres' ? env.config.database.url : env.config.database.file,
      };
      const run = () => spawnSync(process.execPath, ['bin/hukou.js', 'verify'], { env: vars, encoding: 'utf8' });
      const intact = run();
      assert.equal(intact.status, 0, intact.stdout + intact.stderr);
      assert.match(intact.stdout, /OK: the trail and all files are intact/);
      await sql`update audit_events set reason = ${'edited'} where seq = 7`.execute(db());
      const broken = run();
      assert.equal(broken.status, 1, broken.stdout + broken.stderr);
      assert.match(broken.stdout, /PROBLEM audit_hash at audit_events seq 7/);
    });
  });
});
