import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { as } from '../../../test/support/api.ts';
import { acceptSample, subtypeWithChain } from '../../../test/support/journey.ts';
import { dropAppendOnlyGuards } from '../../../test/support/tamper.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-context.ts';
import type { AuditEventsTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { auditEventHash } from './audit-hash.ts';
import { appendAuditEvent } from './audit.repo.ts';
import { type ArchiveReport, verifyArchive } from './verify-archive.ts';

/**
 * The chain walk of `hukou verify`, kept small: one database for the whole file, a chain longer than
 * one page of the walk (2000 rows), and each tamper undone before the next test. The HTTP-level
 * tamper scenarios are in test/audit-trail.test.ts.
 */
describe('verifyArchive: the audit chain and the acts it must cover', () => {
  let env: TestEnv;
  let caseId: string;
  let total: number;
  const db = () => env.ctx.db.kysely;
  const verify = (): Promise<ArchiveReport> => verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs);
  const row = (seq: number): Promise<AuditEventsTable> =>
    db().selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const restore = async (original: AuditEventsTable) => {
    await db().deleteFrom('audit_events').where('seq', '=', original.seq).execute();
    await db().insertInto('audit_events').values(original).execute();
  };

  before(async () => {
    env = await createTestEnv();
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, subtypeWithChain(env, 'station'), 1);
    caseId = kase.id;
    const withdrawn = await officer.post(`/api/cases/${caseId}/withdraw`, { reason: '申请人撤回' });
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    await inTransaction(env.ctx.db, async (tx) => {
      for (let i = 0; i < 2100; i++) {
        await appendAuditEvent(tx, {
          at: env.ctx.now().toISOString(),
          actorId: null,
          actorUnitId: null,
          action: 'case.search',
          objectType: 'case',
          objectId: null,
          outcome: 'ok',
          detail: { page: i },
        });
      }
    });
    await dropAppendOnlyGuards(env.ctx.db);
    const counted = await db()
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
  });
  after(async () => {
    await env.close();
  });

  it('walks an intact chain across pages to its last row', async () => {
    assert.ok(total > 2100, `${total} rows`);
    const report = await verify();
    assert.deepEqual(report.problems, []);
    assert.equal(report.auditEvents, total);
  });

  it('names a row edited past the first page and counts the intact rows before it', async () => {
    const original = await row(2050);
    await sql`update audit_events set detail = ${'{"page":-1}'} where seq = 2050`.execute(db());
    try {
      const report = await verify();
      assert.deepEqual(report.problems, [
        { kind: 'audit_hash', where: 'audit_events seq 2050', message: 'the row was changed after it was written' },
      ]);
      assert.equal(report.auditEvents, 2049);
    } finally {
      await restore(original);
    }
    assert.deepEqual((await verify()).problems, []);
  });

  it('names a row that links to the wrong predecessor even when its own hash was recomputed', async () => {
    const original = await row(10);
    const { hash: _old, ...unhashed } = { ...original, prev_hash: (await row(8)).hash };
    await sql`update audit_events set prev_hash = ${unhashed.prev_hash}, hash = ${auditEventHash(unhashed)} where seq = 10`.execute(db());
    try {
      const report = await verify();
      assert.deepEqual(report.problems, [
        { kind: 'audit_prev_hash', where: 'audit_events seq 10', message: 'prev_hash does not match the hash of the row before' },
      ]);
      assert.equal(report.auditEvents, 9);
    } finally {
      await restore(original);
    }
  });

  it('names the gap of a row deleted at the page boundary', async () => {
    const original = await row(2000);
    await db().deleteFrom('audit_events').where('seq', '=', 2000).execute();
    try {
      const report = await verify();
      assert.deepEqual(report.problems, [{ kind: 'audit_seq_gap', where: 'audit_events seq 2001', message: 'expected seq 2000, found 2001' }]);
      assert.equal(report.auditEvents, 1999);
    } finally {
      await restore(original);
    }
  });

  it('starts the walk at seq 1, not at the first row left', async () => {
    const original = await row(1);
    await db().deleteFrom('audit_events').where('seq', '=', 1).execute();
    try {
      const report = await verify();
      assert.deepEqual(report.problems, [{ kind: 'audit_seq_gap', where: 'audit_events seq 2', message: 'expected seq 1, found 2' }]);
      assert.equal(report.auditEvents, 0);
    } finally {
      await restore(original);
    }
  });

  it('names a case act whose audit event is gone', async () => {
    const event = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'case.withdraw')
      .where('outcome', '=', 'ok')
      .executeTakeFirstOrThrow();
    await db().deleteFrom('audit_events').where('seq', '=', event.seq).execute();
    try {
      const report = await verify();
      assert.deepEqual(report.problems, [
        { kind: 'audit_seq_gap', where: `audit_events seq ${event.seq + 1}`, message: `expected seq ${event.seq}, found ${event.seq + 1}` },
        { kind: 'case_action_unaudited', where: `case_actions ${caseId} #2`, message: 'act withdraw has no audit event' },
      ]);
    } finally {
      await restore(event);
    }
    assert.deepEqual((await verify()).problems, []);
  });
});
