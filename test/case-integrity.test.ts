import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyArchive } from '../server/modules/audit/verify-archive.ts';
import { as } from './support/api.ts';
import { acceptSample, approveThroughChain, DECIDER, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** The stored case is a projection of its action log; these tests edit the store behind the API's back. */
describe('stored state cannot drift from the action log', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const db = () => env.ctx.db.kysely;
  const verify = () => verifyArchive(env.ctx.db, env.ctx.blobs, env.ctx.catalogs);

  it('finds nothing to report on cases the API wrote', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, 40);
    await approveThroughChain(env, kase.id, subtype);
    const report = await verify();
    assert.deepEqual(report.problems, []);
  });

  it('names a case whose status was edited to approved, and refuses to complete it', async () => {
    const subtype = subtypeWithChain(env, 'branch,city');
    const kase = await submittedCase(env, subtype, 41);
    await sql`update cases set status = 'approved', chain_step = 1 where id = ${kase.id}`.execute(db());
    const { problems } = await verify();
    const mine = problems.filter((p) => p.kind === 'case_projection' && p.where.includes(kase.id));
    assert.equal(mine.length, 1);
    assert.match(mine[0]!.message, /status="approved"/);
    assert.match(mine[0]!.message, /chain_step=1/);

    const officer = await as(env, 'gulou.officer');
    const completion = await officer.post(`/api/cases/${kase.id}/complete`);
    assert.equal(completion.status, 500);
    assert.equal(completion.body.error.code, 'CASE_STATE_DRIFT');
    assert.deepEqual(completion.body.error.details.columns, ['status', 'chain_step']);
    const actions = await db().selectFrom('case_actions').select('action').where('case_id', '=', kase.id).execute();
    assert.ok(!actions.some((a) => a.action === 'complete'), 'nothing was done');
    const alarm = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('case_id', '=', kase.id)
      .where('action', '=', 'case.complete')
      .executeTakeFirst();
    assert.equal(alarm?.outcome, 'refused', 'the refusal is on the trail');
    assert.equal(alarm?.reason, 'CASE_STATE_DRIFT');

    await sql`update cases set status = 'submitted', chain_step = 0 where id = ${kase.id}`.execute(db());
    assert.equal((await verify()).problems.filter((p) => p.where.includes(kase.id)).length, 0, 'restored, it checks out again');
  });

  it('names edited dates, versions and the person who accepted, each by column', async () => {
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, subtypeWithChain(env, 'station'), 42);
    const leader = await env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', 'gulou.leader').executeTakeFirstOrThrow();
    await sql`update cases set capture_deadline = '2099-01-01T00:00:00.000Z', version = 7, accepted_by = ${leader.id} where id = ${kase.id}`.execute(
      db(),
    );
    const mine = (await verify()).problems.filter((p) => p.where.includes(kase.id));
    assert.equal(mine.length, 1);
    for (const column of ['capture_deadline', 'version', 'accepted_by']) assert.match(mine[0]!.message, new RegExp(`${column}=`));
    const capture = await officer.post(`/api/cases/${kase.id}/withdraw`, { reason: '放弃' });
    assert.equal(capture.body.error.code, 'CASE_STATE_DRIFT');
  });

  it('names a case whose log cannot be replayed', async () => {
    const officer = await as(env, 'gulou.officer');
    const kase = await acceptSample(officer, subtypeWithChain(env, 'station'), 43);
    const { dropAppendOnlyGuards } = await import('./support/tamper.ts');
    await dropAppendOnlyGuards(env.ctx.db);
    await sql`update case_actions set action = 'approve' where case_id = ${kase.id} and seq = 1`.execute(db());
    const mine = (await verify()).problems.filter((p) => p.where.includes(kase.id));
    assert.equal(mine.length, 1);
    assert.match(mine[0]!.message, /cannot be replayed/);
  });
});

describe('outbox messages commit with their act', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const outbox = () => env.ctx.db.kysely.selectFrom('outbox').selectAll().orderBy('created_at').execute();

  it('leaves one message for an approval and one for a return, none for a refused or replayed act', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const kase = await submittedCase(env, subtype, 50);
    const leader = await as(env, DECIDER.station);
    const officer = await as(env, 'gulou.officer');
    assert.equal((await officer.post(`/api/cases/${kase.id}/approve`)).status, 403);
    assert.equal((await outbox()).length, 0);

    const key = 'approve-once-0001';
    assert.equal((await leader.post(`/api/cases/${kase.id}/approve`, { comment: '同意' }, key)).status, 200);
    assert.equal((await leader.post(`/api/cases/${kase.id}/approve`, { comment: '同意' }, key)).status, 200);
    const afterApproval = await outbox();
    assert.equal(afterApproval.length, 1);
    assert.equal(afterApproval[0]!.topic, 'case.approved');
    assert.equal(afterApproval[0]!.case_id, kase.id);
    assert.equal(JSON.parse(afterApproval[0]!.payload).caseNo, kase.caseNo);
    assert.equal(afterApproval[0]!.sent_at, null);

    const other = await submittedCase(env, subtype, 51);
    assert.equal((await leader.post(`/api/cases/${other.id}/return`, { reason: '材料不清晰' })).status, 200);
    const returned = (await outbox()).filter((m) => m.case_id === other.id);
    assert.deepEqual(
      returned.map((m) => [m.topic, JSON.parse(m.payload).reason]),
      [['case.returned', '材料不清晰']],
    );
  });
});
