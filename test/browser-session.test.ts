import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/app.ts';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';
import { sampleApplicant, sampleFields } from './support/sample-case.ts';
import { subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** The session cookie as the browser would send it back: its value only. */
function sessionCookie(res: LightMyRequestResponse): { header: string; value: string; raw: string } {
  const raw = [res.headers['set-cookie']].flat().find((c): c is string => typeof c === 'string' && c.startsWith('hukou_session='));
  assert.ok(raw, 'a session cookie is set');
  const value = raw.split(';')[0]!.slice('hukou_session='.length);
  return { header: `hukou_session=${value}`, value, raw };
}

describe('browser sessions: HttpOnly cookie and CSRF token; bearer tokens for API clients', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  async function cookieLogin(username = 'gulou.officer') {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD, session: 'cookie' } });
    assert.equal(res.statusCode, 200, res.body);
    return { res, cookie: sessionCookie(res), body: res.json<{ token?: string; csrfToken: string }>() };
  }

  it('sets an HttpOnly, SameSite=Strict cookie scoped to the API and never answers the token itself', async () => {
    const { cookie, body } = await cookieLogin();
    assert.match(cookie.raw, /HttpOnly/);
    assert.match(cookie.raw, /SameSite=Strict/);
    assert.match(cookie.raw, /Path=\/api\//);
    assert.match(cookie.raw, new RegExp(`Max-Age=${env.config.sessionHours * 3600 - 1}|Max-Age=${env.config.sessionHours * 3600}`));
    assert.doesNotMatch(cookie.raw, /Secure/, 'plain HTTP at a station: Secure would drop the cookie');
    assert.equal(body.token, undefined);
    assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(body.csrfToken, cookie.value);
  });

  it('reads with the cookie alone, and /api/me hands the CSRF token back after a reload', async () => {
    const { cookie, body } = await cookieLogin();
    const me = await env.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie.header } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json<{ username: string }>().username, 'gulou.officer');
    assert.equal(me.json<{ csrfToken: string }>().csrfToken, body.csrfToken);
  });

  it('refuses a state-changing request by cookie without the CSRF token, or with another session’s, and changes nothing', async () => {
    const { cookie } = await cookieLogin();
    const other = await cookieLogin('gulou.leader');
    const subtype = subtypeWithChain(env, 'station');
    const payload = { subtypeCode: subtype.code, applicant: sampleApplicant(41), fields: sampleFields(subtype) };
    const casesBefore = await env.ctx.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const csrf of [undefined, other.body.csrfToken, 'x']) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/cases',
        payload,
        headers: { cookie: cookie.header, 'idempotency-key': `csrf-${String(csrf)}-probe`, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'CSRF_FAILED');
    }
    const casesAfter = await env.ctx.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(casesAfter.n), Number(casesBefore.n));
  });

  it('accepts the act with the matching CSRF token', async () => {
    const { cookie, body } = await cookieLogin();
    const subtype = subtypeWithChain(env, 'station');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { subtypeCode: subtype.code, applicant: sampleApplicant(42), fields: sampleFields(subtype) },
      headers: { cookie: cookie.header, 'idempotency-key': 'csrf-ok-accept-1', 'x-csrf-token': body.csrfToken },
    });
    assert.equal(res.statusCode, 201, res.body);
  });

  it('signs out by cookie: the session is revoked and the cookie cleared', async () => {
    const { cookie, body } = await cookieLogin();
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookie.header, 'x-csrf-token': body.csrfToken } });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /hukou_session=;.*Expires=Thu, 01 Jan 1970/);
    const me = await env.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie.header } });
    assert.equal(me.statusCode, 401);
  });

  it('keeps bearer tokens for API clients, with no CSRF token needed', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gulou.officer', password: DEMO_PASSWORD } });
    assert.equal(res.headers['set-cookie'], undefined);
    const { token } = res.json<{ token: string }>();
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
    assert.equal(out.statusCode, 204);
  });

  it('sends the security headers on API answers: CSP without inline script, nosniff, no framing', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
  });
});

describe('serving the built web application', () => {
  let env: TestEnv;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hukou-web-'));
  before(async () => {
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>户政</title><script type="module" src="/assets/app-3f9a1c.js"></script>',
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'app-3f9a1c.js'), 'console.log(1)');
    env = await createTestEnv({ webDir });
  });
  after(async () => {
    await env.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the page at / without caching it', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>户政<\/title>/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  });

  it('serves hashed assets as immutable', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/assets/app-3f9a1c.js' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('falls back to the page for client routes, so a reload or a shared link opens it', async () => {
    for (const url of ['/cases/0f8fad5b-d9cb-469f-a165-70867728950e', '/search?name=%E5%BC%A0&status=submitted', '/admin/users']) {
      const res = await env.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
    }
  });

  it('keeps JSON 404s for the API, missing files and other methods', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['GET', '/assets/missing-0000.js'],
      ['POST', '/cases/x'],
    ] as const) {
      const res = await env.app.inject({ method, url });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'NOT_FOUND');
    }
  });
});

describe('the request log', () => {
  it('keeps method, path and source, never the query (an ID number searched for) nor headers', async () => {
    const env = await createTestEnv();
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp({ ...env.ctx, config: { ...env.config, logLevel: 'info' } }, { logger: true, logStream });
    try {
      const token = await env.login('gulou.officer');
      const res = await app.inject({
        method: 'GET',
        url: '/api/cases?idNumber=420704198803090011',
        headers: { authorization: `Bearer ${token}`, cookie: 'hukou_session=x' },
      });
      assert.equal(res.statusCode, 200);
      const log = lines.join('');
      assert.match(log, /"path":"\/api\/cases"/);
      assert.doesNotMatch(log, /420704198803090011|Bearer|hukou_session/);
    } finally {
      await app.close();
      await env.close();
    }
  });
});
