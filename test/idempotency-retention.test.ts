import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IDEMPOTENCY_RETENTION_DAYS, purgeIdempotencyKeys } from '../server/modules/idempotency/purge-idempotency-keys.ts';
import { as } from './support/api.ts';
import { acceptSample, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('stored idempotency answers are kept for a documented window', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const keys = async () => (await env.ctx.db.kysely.selectFrom('idempotency_keys').select('idem_key').execute()).map((k) => k.idem_key).sort();

  it('purges answers older than the window and keeps the recent ones, which still replay', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const old = await acceptSample(await as(env, 'gulou.officer'), subtype, 1);
    const oldKeys = await keys();
    env.clock.advanceHours(IDEMPOTENCY_RETENTION_DAYS * 24 - 1);
    env.forgetSessions();
    const officer = await as(env, 'gulou.officer');
    assert.equal((await officer.post(`/api/cases/${old.id}/withdraw`, { reason: '放弃' }, 'recent-key-0001')).status, 200);
    env.clock.advanceHours(2);
    assert.equal(await purgeIdempotencyKeys(env.ctx), oldKeys.length);
    assert.deepEqual(await keys(), ['recent-key-0001']);
    const replay = await officer.post(`/api/cases/${old.id}/withdraw`, { reason: '放弃' }, 'recent-key-0001');
    assert.equal(replay.status, 200);
    assert.equal(replay.body.status, 'withdrawn');
    assert.equal(await purgeIdempotencyKeys(env.ctx), 0);
  });
});
