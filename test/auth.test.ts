import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { CLEAR_THROTTLE } from '../server/modules/org/commands/clear-sign-in-throttle.ts';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';
import { FREE_FAILURES, maxNameAttempts, NAME_WAITS_MS, SOURCE_BURST, SOURCE_INTERVAL_MS } from '../server/modules/org/sign-in-throttle-policy.ts';
import { as } from './support/api.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

const HOUR = 3_600_000;

describe('sign-in, sessions and throttling', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  // Each test signs in from addresses of its own, so one test's failures never throttle another's.
  let sources = 0;
  const newSource = () => `10.9.${Math.floor(++sources / 250)}.${(sources % 250) + 1}`;
  const attempt = (username: string, password: string, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });
  // One millisecond more than asked, so float rounding in the clock never lands a tick short.
  const advanceSeconds = (seconds: number) => env.clock.advanceHours((seconds * 1000 + 1) / HOUR);
  /** Everything a client can see of an answer, for byte-for-byte comparison. */
  const visible = (res: LightMyRequestResponse) => ({
    status: res.statusCode,
    body: res.body,
    type: res.headers['content-type'],
    retryAfter: res.headers['retry-after'],
  });
  const throttleRow = (kind: 'name' | 'source', subject: string) =>
    env.ctx.db.kysely.selectFrom('sign_in_throttle').selectAll().where('kind', '=', kind).where('subject', '=', subject).executeTakeFirst();
  const lastSeq = async () =>
    Number(
      (
        await env.ctx.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m ?? 0,
    );
  const loginEventsAfter = (seq: number) =>
    env.ctx.db.kysely.selectFrom('audit_events').selectAll().where('seq', '>', seq).where('action', '=', 'auth.login').orderBy('seq').execute();
  const userId = async (username: string) =>
    (await env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  it('stores argon2id hashes, never the password', async () => {
    const user = await env.ctx.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'gulou.officer')
      .executeTakeFirstOrThrow();
    assert.match(user.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!user.password_hash.includes(DEMO_PASSWORD));
  });

  it('signs in, answers /api/me, and forgets the session on logout', async () => {
    const res = await attempt('gulou.officer', DEMO_PASSWORD);
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
    const unknown = await attempt('nobody', 'x', newSource());
    const wrong = await attempt('zelin.officer', 'wrong', newSource());
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(visible(unknown), visible(wrong));
    assert.equal(wrong.json().error.message, '用户名或密码错误');
    const english = await attempt('nobody', 'x', newSource(), { 'accept-language': 'en-US' });
    assert.equal(english.json().error.message, 'Wrong user name or password');
  });

  it('refuses control characters in the sign-in body before any database work (no 500 on PostgreSQL)', async () => {
    for (const payload of [
      { username: 'gulou\u0000officer', password: 'x' },
      { username: 'gulou.officer', password: 'x\u0000' },
      { username: 'a\ud800', password: 'x' },
    ]) {
      const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: newSource() });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
  });

  it('counts every one of 30 parallel wrong passwords: 5 are checked, 25 are refused unchecked', async () => {
    const source = newSource();
    const answers = await Promise.all(Array.from({ length: 30 }, () => attempt('gulou.officer2', 'guess', source)));
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [...Array(FREE_FAILURES).fill(401), ...Array(30 - FREE_FAILURES).fill(429)]);
    const row = await throttleRow('name', 'gulou.officer2');
    assert.ok(row);
    assert.equal(row.failures + row.refused, 30);
    assert.equal(row.failures, FREE_FAILURES);
    // The account is now rationed, so even its real password waits.
    assert.equal((await attempt('gulou.officer2', DEMO_PASSWORD, source)).statusCode, 429);
  });

  it('answers an unknown name exactly like a known one with a wrong password, in every state', async () => {
    // Same history for both names, each from its own address so the source limits match too.
    const known = { name: 'guanliu.officer', source: newSource() };
    const unknown = { name: 'guanliu.officer.x', source: newSource() };
    const both = async (lang?: string) => {
      const headers: Record<string, string> = lang ? { 'accept-language': lang } : {};
      const a = await attempt(known.name, 'wrong', known.source, headers);
      const b = await attempt(unknown.name, 'wrong', unknown.source, headers);
      assert.deepEqual(visible(b), visible(a));
      return a;
    };
    for (let i = 1; i <= FREE_FAILURES; i++) assert.equal((await both()).statusCode, 401);
    const throttled = await both();
    assert.equal(throttled.statusCode, 429);
    assert.equal(throttled.json().error.code, 'SIGN_IN_THROTTLED');
    assert.equal(throttled.json().error.message, '登录尝试过于频繁，请稍后再试');
    assert.deepEqual(throttled.json().error.details, { retryAfterSeconds: 60 });
    assert.equal(throttled.headers['retry-after'], '60');
    assert.equal((await both('en')).json().error.message, 'Too many sign-in attempts: try again later');
    advanceSeconds(60);
    assert.equal((await both()).statusCode, 401);
    assert.equal((await both()).headers['retry-after'], '120');

    // Throttled by the source: spend one address's whole budget on other names, then try both names from it.
    const shared = newSource();
    for (let i = 0; i < SOURCE_BURST; i++) assert.equal((await attempt(`spray.${i}`, 'x', shared)).statusCode, 401);
    const a = await attempt('sysadmin', 'wrong', shared);
    const b = await attempt('sysadmin.x', 'wrong', shared);
    assert.equal(a.statusCode, 429);
    assert.deepEqual(visible(b), visible(a));
  });

  it('makes each name wait longer after every failure past the free ones, up to 15 minutes, and never more', async () => {
    const source = newSource();
    for (let i = 1; i <= FREE_FAILURES; i++) assert.equal((await attempt('huarong.reviewer', 'wrong', source)).statusCode, 401);
    const expected = [...NAME_WAITS_MS, NAME_WAITS_MS.at(-1)!, NAME_WAITS_MS.at(-1)!].map((ms) => ms / 1000);
    assert.deepEqual(expected, [60, 120, 240, 480, 900, 900, 900]);
    for (const wait of expected) {
      const refused = await attempt('huarong.reviewer', 'wrong', source);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.headers['retry-after'], String(wait));
      advanceSeconds(wait - 2);
      assert.equal((await attempt('huarong.reviewer', 'wrong', source)).headers['retry-after'], '2', 'one second early is still refused');
      advanceSeconds(2);
      assert.equal((await attempt('huarong.reviewer', 'wrong', source)).statusCode, 401);
    }
    assert.equal((await attempt('huarong.reviewer', DEMO_PASSWORD, source)).headers['retry-after'], '900');
  });

  it('gives an attacker who retries the moment they may no more than the documented guesses per name per hour', async () => {
    const source = newSource();
    const guessesWithin = async (ms: number) => {
      const end = env.clock.now().getTime() + ms;
      let guesses = 0;
      while (env.clock.now().getTime() <= end) {
        const res = await attempt('echeng.supervisor', 'wrong', source);
        if (res.statusCode === 401) {
          guesses++;
        } else {
          assert.equal(res.statusCode, 429, res.body);
          assert.match(String(res.headers['retry-after']), /^\d+$/);
          advanceSeconds(Number(res.headers['retry-after']));
        }
      }
      return guesses;
    };
    const firstHour = await guessesWithin(HOUR);
    // The schedule's bound (12); the last of them may fall a few clock ticks past the hour.
    assert.equal(maxNameAttempts(HOUR), 12);
    assert.ok(firstHour <= 12 && firstHour >= 11, `first hour: ${firstHour}`);
    const laterHour = await guessesWithin(HOUR);
    assert.ok(laterHour <= 5 && laterHour >= 4, `a later hour: ${laterHour}`);
  });

  it('limits failures per source address across names, refills over time, and leaves other addresses alone', async () => {
    const source = newSource();
    // Sign-ins that succeed give their attempt back: they never use the budget.
    for (let i = 0; i < SOURCE_BURST + 5; i++) assert.equal((await attempt('city.approver', DEMO_PASSWORD, source)).statusCode, 200);
    for (let i = 0; i < SOURCE_BURST; i++) assert.equal((await attempt(`unknown.${i}`, 'x', source)).statusCode, 401);
    const refused = await attempt('unknown.next', 'x', source);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], String(SOURCE_INTERVAL_MS / 1000));
    assert.equal((await attempt('echeng.reviewer', DEMO_PASSWORD, source)).statusCode, 429, 'the address waits, for every name');
    assert.equal((await attempt('echeng.reviewer', DEMO_PASSWORD, newSource())).statusCode, 200, 'another address does not');
    advanceSeconds(SOURCE_INTERVAL_MS / 1000);
    assert.equal((await attempt('unknown.later', 'x', source)).statusCode, 401, 'one attempt per interval comes back');
    assert.equal((await attempt('unknown.later2', 'x', source)).statusCode, 429);
  });

  it('refuses the right password while the name waits, accepts it after the wait, and then starts afresh', async () => {
    const source = newSource();
    for (let i = 1; i <= FREE_FAILURES; i++) assert.equal((await attempt('putuan.officer', 'bad', source)).statusCode, 401);
    const seq = await lastSeq();
    const early = await attempt('putuan.officer', DEMO_PASSWORD, source);
    assert.equal(early.statusCode, 429);
    assert.equal(early.json().error.code, 'SIGN_IN_THROTTLED');
    assert.deepEqual(
      (await loginEventsAfter(seq)).map((e) => e.outcome),
      ['denied'],
      'no sign-in happened',
    );
    advanceSeconds(60);
    assert.equal((await attempt('putuan.officer', DEMO_PASSWORD, source)).statusCode, 200);
    assert.equal(await throttleRow('name', 'putuan.officer'), undefined, 'a success resets the count');
    for (let i = 1; i <= FREE_FAILURES; i++) assert.equal((await attempt('putuan.officer', 'bad', source)).statusCode, 401);
  });

  it('throttles a name however it is typed: case and compatibility forms count as one', async () => {
    const source = newSource();
    const spellings = ['Gulou.Leader', 'GULOU.LEADER', 'ｇｕｌｏｕ.ｌｅａｄｅｒ', ' gulou.leader ', 'gulou.LEADER'];
    for (const spelling of spellings) assert.equal((await attempt(spelling, 'bad', source)).statusCode, 401);
    assert.equal((await attempt('gulou.leader', DEMO_PASSWORD, source)).statusCode, 429);
  });

  it("lets the security administrator, and nobody else, lift a name's wait; audited", async () => {
    const source = newSource();
    for (let i = 1; i <= FREE_FAILURES + 1; i++) await attempt('putuan.leader', 'bad', source);
    assert.equal((await attempt('putuan.leader', DEMO_PASSWORD, source)).statusCode, 429);
    const url = `/api/admin/users/${await userId('putuan.leader')}/sign-in-throttle/clear`;
    for (const username of ['sysadmin', 'auditadmin', 'city.supervisor'])
      assert.equal((await (await as(env, username)).post(url)).status, 403, username);
    assert.equal((await env.app.inject({ method: 'POST', url })).statusCode, 401);
    assert.equal((await attempt('putuan.leader', DEMO_PASSWORD, source)).statusCode, 429, 'refusals cleared nothing');

    const secadmin = await as(env, 'secadmin');
    const seq = await lastSeq();
    const cleared = await secadmin.post(url);
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.body, {
      userId: await userId('putuan.leader'),
      username: 'putuan.leader',
      cleared: true,
      failures: FREE_FAILURES,
      refused: 3,
    });
    const events = await env.ctx.db.kysely.selectFrom('audit_events').selectAll().where('seq', '>', seq).execute();
    assert.deepEqual(
      events.map((e) => [e.action, e.outcome, e.actor_id, e.object_id]),
      [[CLEAR_THROTTLE, 'ok', await userId('secadmin'), await userId('putuan.leader')]],
    );
    assert.equal((await attempt('putuan.leader', DEMO_PASSWORD, source)).statusCode, 200, 'no wait after the clear');

    const unknownUser = await secadmin.post('/api/admin/users/00000000-0000-4000-8000-000000000000/sign-in-throttle/clear');
    assert.equal(unknownUser.status, 404);
    const denied = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['actor_id', 'reason'])
      .where('action', '=', CLEAR_THROTTLE)
      .where('outcome', '=', 'denied')
      .execute();
    assert.equal(denied.length, 4, 'three refused roles and one unknown account');
  });

  it('keeps the trail bounded under a flood: 200 attempts on one name write a handful of events, with the count', async () => {
    const source = newSource();
    const seq = await lastSeq();
    const password = 'flood-password-Zq7';
    await Promise.all(Array.from({ length: 200 }, () => attempt('gulou.aux', password, source)));
    const flood = await loginEventsAfter(seq);
    assert.equal(flood.length, FREE_FAILURES + 1, 'each checked attempt, then one event when the waiting starts');
    assert.deepEqual(flood.map((e) => e.reason).sort(), [...Array(FREE_FAILURES).fill('AUTH_FAILED'), 'SIGN_IN_THROTTLED']);
    assert.equal(JSON.parse(flood.find((e) => e.reason === 'SIGN_IN_THROTTLED')!.detail).throttledBy, 'name');

    advanceSeconds(60);
    const seqAfterFlood = await lastSeq();
    await attempt('gulou.aux', password, source);
    const [next] = await loginEventsAfter(seqAfterFlood);
    assert.ok(next, 'the attempt after the wait is on the trail');
    assert.deepEqual(JSON.parse(next.detail).refusedWhileWaiting, { name: 200 - FREE_FAILURES, source: 0 });

    // 200 names from one address: the source budget, then one event.
    const sprayer = newSource();
    const seq2 = await lastSeq();
    const long = 'x'.repeat(64);
    await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(`${i}${long}`.slice(0, 64), password, sprayer)));
    const spray = await loginEventsAfter(seq2);
    assert.equal(spray.length, SOURCE_BURST + 1);
    assert.equal(JSON.parse(spray.find((e) => e.reason === 'SIGN_IN_THROTTLED')!.detail).throttledBy, 'source');
    for (const event of [...flood, next, ...spray]) {
      assert.ok(!event.detail.includes(password), 'no password in the trail');
      assert.ok(event.detail.length < 400, `bounded detail: ${event.detail}`);
    }
  });

  it("documents every org route's answers in OpenAPI, the 429 of sign-in included", async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const routes = [
      ['/api/auth/login', 'post', '200'],
      ['/api/auth/logout', 'post', '204'],
      ['/api/me', 'get', '200'],
      ['/api/units', 'get', '200'],
      ['/api/admin/users/{id}/sign-in-throttle/clear', 'post', '200'],
    ] as const;
    for (const [path, method, ok] of routes) {
      const responses = doc.paths[path]?.[method]?.responses;
      assert.ok(responses?.[ok], `${method} ${path} documents ${ok}`);
      assert.ok(responses['401'] && responses['403'] && responses['429'], `${method} ${path} documents its errors`);
    }
    const me = doc.paths['/api/me'].get.responses['200'].content['application/json'].schema;
    assert.ok(me.required.includes('unitPath') && me.properties.role.enum.includes('sec_admin'));
  });

  it("lists only the units in the signed-in person's scope", async () => {
    const codes = async (username: string) =>
      ((await (await as(env, username)).get('/api/units')).body.units as { code: string }[]).map((u) => u.code);
    assert.deepEqual(await codes('gulou.officer'), ['420704510000']);
    assert.deepEqual((await codes('echeng.reviewer')).sort(), ['420704000000', '420704510000', '420704520000', '420704530000']);
    assert.equal((await codes('city.approver')).length, 10);
  });

  it('expires sessions', async () => {
    const { token } = (await attempt('city.supervisor', DEMO_PASSWORD, newSource())).json();
    env.clock.advanceHours(env.config.sessionHours + 1);
    const res = await env.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 401);
  });
});
