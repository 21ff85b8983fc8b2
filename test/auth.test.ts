import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

describe('sign-in, sessions and lockout', () => {
  let env: TestEnv;
  before(async () => { env = await createTestEnv(); });
  after(async () => { await env.close(); });

  const login = (username: string, password: string) =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('stores argon2id hashes, never the password', async () => {
    const user = await env.ctx.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'gulou.officer').executeTakeFirstOrThrow();
    assert.match(user.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!user.password_hash.includes(DEMO_PASSWORD));
  });

  it('signs in, answers /api/me, and forgets the session on logout', async () => {
    const res = await login('gulou.officer', DEMO_PASSWORD);
    assert.equal(res.statusCode, 200);
    const { token } = res.json();
    const me = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.json().role, 'window_officer');
    assert.equal(me.json().roleLabel.zh, '窗口民警');
    await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
    const after = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'AUTH_REQUIRED');
  });

  it('gives the same answer for an unknown user and a wrong password, in Chinese unless asked for English', async () => {
    const unknown = await login('nobody', 'x');
    const wrong = await login('zelin.officer', 'wrong');
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json());
    assert.equal(wrong.json().error.message, '用户名或密码错误');
    const english = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, headers: { 'accept-language': 'en-US' } });
    assert.equal(english.json().error.message, 'Wrong user name or password');
  });

  it('locks an account after five failures, even against the right password, until the lock expires', async () => {
    for (let i = 1; i <= 4; i++) assert.equal((await login('putuan.officer', 'bad')).statusCode, 401);
    const fifth = await login('putuan.officer', 'bad');
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json().error.code, 'ACCOUNT_LOCKED');
    assert.equal((await login('putuan.officer', DEMO_PASSWORD)).statusCode, 423);
    env.clock.advanceHours(0.5);
    assert.equal((await login('putuan.officer', DEMO_PASSWORD)).statusCode, 200);
    const events = await env.ctx.db.kysely.selectFrom('audit_events').select(['outcome', 'reason'])
      .where('action', '=', 'auth.login').where('detail', 'not like', '%nobody%').orderBy('seq').execute();
    assert.ok(events.filter((e) => e.reason === 'ACCOUNT_LOCKED').length >= 2);
  });

  it('expires sessions', async () => {
    const { token } = (await login('zelin.officer', DEMO_PASSWORD)).json();
    env.clock.advanceHours(env.config.sessionHours + 1);
    const res = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 401);
  });
});
