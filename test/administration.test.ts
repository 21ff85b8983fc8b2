import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../server/modules/org/demo-organisation.ts';
import { DEFAULT_SECURITY_POLICY, passwordViolations, type SecurityPolicy } from '../server/modules/org/security-policy.ts';
import { FREE_FAILURES } from '../server/modules/org/sign-in-throttle-policy.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/**
 * Administration by the three separated administrators (三员分立) and passwords, through the API:
 * each act works and is on the trail under the right actor, the separation holds both ways, a new
 * account must replace its temporary password before anything else, and the security policy
 * applies from the next password change and the next sign-in attempt.
 */
const GULOU = '420704510000';
const ECHENG = '420704000000';
const CITY = '420700000000';

describe('administration: three separated administrators, accounts and passwords', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  // Deliberate failures come from addresses of their own, so they never throttle the helpers' sign-ins.
  let sources = 0;
  const newSource = () => `10.77.${Math.floor(++sources / 250)}.${(sources % 250) + 1}`;
  const signIn = (username: string, password: string, remoteAddress = newSource()) =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  async function tokenOf(username: string, password: string): Promise<string> {
    const res = await signIn(username, password);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ token: string }>().token;
  }

  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** A client holding one session token; every act carries a fresh Idempotency-Key unless given one. */
  const client = (token: string) => {
    const send = async (method: Method, url: string, payload?: unknown, key: string = randomUUID()) => {
      const res = await env.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(method === 'GET' ? {} : { 'idempotency-key': key }) },
        ...(method === 'GET' ? {} : { payload: payload ?? {} }),
      });
      return { status: res.statusCode, body: res.json(), headers: res.headers };
    };
    return {
      get: (url: string) => send('GET', url),
      post: (url: string, payload?: unknown, key?: string) => send('POST', url, payload, key),
      put: (url: string, payload?: unknown) => send('PUT', url, payload),
      patch: (url: string, payload?: unknown) => send('PATCH', url, payload),
    };
  };
  const demo = async (username: string) => client(await env.login(username));

  const userIdOf = async (username: string) =>
    (await env.ctx.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const lastSeq = async () =>
    Number(
      (
        await env.ctx.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m ?? 0,
    );
  const eventsAfter = (seq: number, action: string) =>
    env.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', seq)
      .where('action', '=', action as never)
      .orderBy('seq')
      .execute();
  const allStoredText = async () => {
    const audit = await env.ctx.db.kysely.selectFrom('audit_events').select('detail').execute();
    const answers = await env.ctx.db.kysely.selectFrom('idempotency_keys').select(['response', 'request_hash']).execute();
    return JSON.stringify([audit, answers]);
  };

  let created = 0;
  /** The system administrator opens a business account; returns its id and temporary password. */
  async function newAccount(role = 'window_officer', unitId = GULOU) {
    const username = `new.user${++created}`;
    const res = await (await demo('sysadmin')).post('/api/admin/users', { username, displayName: `新用户${created}`, unitId, role });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { id: res.body.user.id as string, username, temporaryPassword: res.body.temporaryPassword as string };
  }
  /** A new account whose owner has replaced the temporary password; returns a session of it. */
  async function activeAccount(role = 'window_officer', unitId = GULOU) {
    const account = await newAccount(role, unitId);
    const password = `Own-${randomUUID().slice(0, 8)}-Pw1`;
    const session = client(await tokenOf(account.username, account.temporaryPassword));
    const changed = await session.post('/api/auth/password', { currentPassword: account.temporaryPassword, newPassword: password });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    return { ...account, password, session };
  }

  it('leaves the demo accounts free of any forced change', async () => {
    for (const username of ['gulou.officer', 'sysadmin', 'secadmin', 'auditadmin']) {
      const me = await (await demo(username)).get('/api/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.mustChangePassword, false, username);
    }
  });

  it('lets the system administrator add a unit one level below its parent, see it in the tree with its counts, and rename it', async () => {
    const sys = await demo('sysadmin');
    const seq = await lastSeq();
    const body = { parentId: ECHENG, code: '420704540000', name: '新庙派出所', nameEn: 'Xinmiao Police Station', kind: 'station', casePrefix: '204' };
    const made = await sys.post('/api/admin/units', body);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.id, '420704540000');
    assert.equal(made.body.path, `/${CITY}/${ECHENG}/420704540000/`);

    const [event] = await eventsAfter(seq, 'admin.unit_create');
    assert.ok(event);
    assert.equal(event.actor_id, await userIdOf('sysadmin'));
    assert.equal(event.object_id, '420704540000');
    assert.equal(event.outcome, 'ok');

    // Same parent, wrong level; a code or a case-number prefix already in use.
    const misplaced = await sys.post('/api/admin/units', { ...body, code: '420704550000', casePrefix: '205', kind: 'branch' });
    assert.equal(misplaced.status, 409);
    assert.equal(misplaced.body.error.code, 'UNIT_KIND_MISMATCH');
    assert.deepEqual(misplaced.body.error.details, { parentKind: 'branch', kind: 'branch', expected: 'station' });
    const underStation = await sys.post('/api/admin/units', { ...body, parentId: GULOU, code: '420704550000', casePrefix: '205' });
    assert.equal(underStation.body.error.code, 'UNIT_KIND_MISMATCH');
    assert.equal((await sys.post('/api/admin/units', { ...body, casePrefix: '205' })).body.error.code, 'UNIT_CODE_TAKEN');
    assert.equal((await sys.post('/api/admin/units', { ...body, code: '420704550000', casePrefix: '201' })).body.error.code, 'CASE_PREFIX_TAKEN');
    assert.equal((await sys.post('/api/admin/units', { ...body, code: '4207045' })).status, 400);

    await newAccount('window_officer', '420704540000');
    const tree = await sys.get('/api/admin/units');
    assert.equal(tree.status, 200);
    const paths = tree.body.units.map((u: { path: string }) => u.path);
    assert.deepEqual(paths, [...paths].sort(), 'parents before children');
    const unit = tree.body.units.find((u: { id: string }) => u.id === '420704540000');
    assert.deepEqual([unit.accounts, unit.disabledAccounts], [1, 0]);
    const gulou = tree.body.units.find((u: { id: string }) => u.id === GULOU);
    assert.ok(gulou.accounts >= 4, 'the demo station counts its accounts');

    const renamed = await sys.patch('/api/admin/units/420704540000', { name: '新庙街派出所' });
    assert.equal(renamed.status, 200);
    assert.deepEqual([renamed.body.name, renamed.body.nameEn, renamed.body.accounts], ['新庙街派出所', 'Xinmiao Police Station', 1]);
    const [rename] = await eventsAfter(seq, 'admin.unit_rename');
    assert.deepEqual(JSON.parse(rename!.detail).before, { name: '新庙派出所', nameEn: 'Xinmiao Police Station' });
    assert.equal((await sys.patch('/api/admin/units/999999999999', { name: 'x' })).status, 404);
  });

  it('creates an account with a temporary password shown once and stored nowhere, which must be changed before anything else', async () => {
    const sys = await demo('sysadmin');
    const seq = await lastSeq();
    const key = randomUUID();
    const body = { username: 'gulou.officer9', displayName: '钱进（古楼窗口）', unitId: GULOU, role: 'window_officer' };
    const res = await sys.post('/api/admin/users', body, key);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { user, temporaryPassword } = res.body;
    assert.equal(typeof temporaryPassword, 'string');
    assert.deepEqual(passwordViolations(temporaryPassword, DEFAULT_SECURITY_POLICY.password, { username: body.username }), []);
    assert.deepEqual(
      [user.username, user.role, user.unitId, user.mustChangePassword, user.disabled],
      [body.username, 'window_officer', GULOU, true, false],
    );
    assert.ok(!JSON.stringify(user).includes('argon2'), 'no password data');

    // A retry of the same request gets the same account, without the password, which was never stored.
    const retry = await sys.post('/api/admin/users', body, key);
    assert.equal(retry.status, 201);
    assert.equal(retry.body.user.id, user.id);
    assert.equal(retry.body.temporaryPassword, null);
    assert.ok(!(await allStoredText()).includes(temporaryPassword), 'neither the trail nor the idempotency answers hold it');
    const [event] = await eventsAfter(seq, 'admin.user_create');
    assert.equal(event!.actor_id, await userIdOf('sysadmin'));
    assert.equal(event!.object_id, user.id);
    assert.deepEqual(JSON.parse(event!.detail), { username: body.username, displayName: body.displayName, unitId: GULOU, role: 'window_officer' });

    const taken = await sys.post('/api/admin/users', body);
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'USERNAME_TAKEN');

    // Signed in with the temporary password: only who-am-I, the password change and sign-out answer.
    const token = await tokenOf(body.username, temporaryPassword);
    const officer = client(token);
    const me = await officer.get('/api/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.mustChangePassword, true);
    for (const refused of [
      await officer.get('/api/units'),
      await officer.get('/api/cases'),
      await officer.get('/api/catalog'),
      await officer.post('/api/audit/verify'),
    ]) {
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'PASSWORD_CHANGE_REQUIRED');
    }

    const wrong = await officer.post('/api/auth/password', { currentPassword: 'not-it', newPassword: 'Brand-new-1' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'PASSWORD_WRONG');
    const weak = await officer.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, 'PASSWORD_POLICY_VIOLATED');
    assert.deepEqual(weak.body.error.details.rules, ['TOO_SHORT', 'TOO_FEW_CLASSES']);
    assert.equal(weak.body.error.details.minLength, 8);
    const same = await officer.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: temporaryPassword });
    assert.deepEqual(same.body.error.details.rules, ['SAME_AS_CURRENT']);
    const asName = await officer.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'Gulou.Officer9' });
    assert.deepEqual(asName.body.error.details.rules, ['SAME_AS_USERNAME']);

    const newPassword = 'Qian-jin-2026';
    const changeSeq = await lastSeq();
    const changed = await officer.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.userId, user.id);
    assert.equal((await officer.get('/api/me')).body.mustChangePassword, false);
    assert.equal((await officer.get('/api/cases')).status, 200, 'the same session now works');
    const [change] = await eventsAfter(changeSeq, 'auth.password_change');
    assert.equal(change!.actor_id, user.id);
    assert.equal(change!.outcome, 'ok');
    assert.deepEqual(JSON.parse(change!.detail), { temporaryReplaced: true, otherSessionsEnded: 0 });
    const refusals = await eventsAfter(seq, 'auth.password_change');
    assert.deepEqual(
      refusals.map((e) => e.reason),
      ['PASSWORD_WRONG', 'PASSWORD_POLICY_VIOLATED', 'PASSWORD_POLICY_VIOLATED', 'PASSWORD_POLICY_VIOLATED', null],
    );
    const stored = await allStoredText();
    assert.ok(!stored.includes(newPassword) && !stored.includes('not-it'), 'no password reaches the trail');

    assert.equal((await signIn(body.username, temporaryPassword)).statusCode, 401, 'the temporary password is gone');
    assert.equal((await signIn(body.username, newPassword)).statusCode, 200);
  });

  it('ends the other sessions of a user who changes their password, and keeps the one that asked', async () => {
    const account = await activeAccount();
    const elsewhere = client(await tokenOf(account.username, account.password));
    const here = client(await tokenOf(account.username, account.password));
    const changed = await here.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Another-pass-2' });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.otherSessionsEnded, 2, 'the session of activeAccount and the one elsewhere');
    assert.equal((await elsewhere.get('/api/me')).status, 401);
    assert.equal((await here.get('/api/me')).status, 200);
  });

  it('rations guesses of the current password on a streak of the user’s own, which does not lock them out of signing in', async () => {
    const account = await activeAccount();
    for (let i = 1; i <= FREE_FAILURES; i++) {
      const guess = await account.session.post('/api/auth/password', { currentPassword: `guess-${i}`, newPassword: 'Whatever-pass-1' });
      assert.equal(guess.body.error.code, 'PASSWORD_WRONG', `guess ${i}`);
    }
    const throttled = await account.session.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Whatever-pass-1' });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body.error.code, 'SIGN_IN_THROTTLED');
    assert.equal(throttled.headers['retry-after'], '60');
    assert.equal((await signIn(account.username, account.password)).statusCode, 200, 'signing in is a separate streak');
    env.clock.advanceHours(61 / 3600);
    const after = await account.session.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Whatever-pass-1' });
    assert.equal(after.status, 200, JSON.stringify(after.body));
  });

  it('lets the system administrator reset a password: a new temporary one, every session ended, the old password gone', async () => {
    const account = await activeAccount();
    const sys = await demo('sysadmin');
    const seq = await lastSeq();
    const reset = await sys.post(`/api/admin/users/${account.id}/reset-password`);
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    assert.equal(reset.body.user.mustChangePassword, true);
    assert.equal(typeof reset.body.temporaryPassword, 'string');
    assert.equal((await account.session.get('/api/me')).status, 401, 'the session ended');
    assert.equal((await signIn(account.username, account.password)).statusCode, 401);
    const again = client(await tokenOf(account.username, reset.body.temporaryPassword));
    assert.equal((await again.get('/api/me')).body.mustChangePassword, true);
    assert.equal((await again.get('/api/units')).body.error.code, 'PASSWORD_CHANGE_REQUIRED');
    const [event] = await eventsAfter(seq, 'admin.password_reset');
    assert.equal(event!.actor_id, await userIdOf('sysadmin'));
    assert.deepEqual(JSON.parse(event!.detail), { username: account.username, sessionsEnded: 1 });
  });

  it('lets the system administrator disable an account, which ends its sessions and blocks sign-in, and enable it again', async () => {
    const account = await activeAccount();
    const sys = await demo('sysadmin');
    const seq = await lastSeq();
    const disabled = await sys.post(`/api/admin/users/${account.id}/disable`);
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.disabled, true);
    assert.equal((await account.session.get('/api/me')).status, 401);
    const refused = await signIn(account.username, account.password);
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().error.code, 'AUTH_FAILED');
    const listed = await sys.get(`/api/admin/users?disabled=true&q=${account.username}`);
    assert.deepEqual(
      listed.body.users.map((u: { id: string }) => u.id),
      [account.id],
    );

    const enabled = await sys.post(`/api/admin/users/${account.id}/enable`);
    assert.equal(enabled.body.disabled, false);
    assert.equal((await signIn(account.username, account.password)).statusCode, 200);
    const events = [...(await eventsAfter(seq, 'admin.user_disable')), ...(await eventsAfter(seq, 'admin.user_enable'))];
    assert.deepEqual(
      events.map((e) => [e.action, e.object_id, e.actor_id]),
      [
        ['admin.user_disable', account.id, await userIdOf('sysadmin')],
        ['admin.user_enable', account.id, await userIdOf('sysadmin')],
      ],
    );
  });

  it('lets the security administrator assign a business role that fits the unit; the account’s sessions end so it takes effect', async () => {
    const account = await activeAccount();
    const sec = await demo('secadmin');
    const seq = await lastSeq();
    const misfit = await sec.post(`/api/admin/users/${account.id}/role`, { role: 'city_approver' });
    assert.equal(misfit.status, 409);
    assert.equal(misfit.body.error.code, 'ROLE_UNIT_MISMATCH');
    assert.deepEqual(misfit.body.error.details, { role: 'city_approver', unitKind: 'station', roleUnitKind: 'city' });

    const assigned = await sec.post(`/api/admin/users/${account.id}/role`, { role: 'station_leader' });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.deepEqual([assigned.body.role, assigned.body.roleLabel.zh], ['station_leader', '派出所所长']);
    assert.equal((await account.session.get('/api/me')).status, 401, 'the old role’s session ended');
    const fresh = client(await tokenOf(account.username, account.password));
    assert.equal((await fresh.get('/api/me')).body.role, 'station_leader');
    const events = await eventsAfter(seq, 'admin.role_assign');
    assert.deepEqual(
      events.map((e) => [e.outcome, e.actor_id]),
      [
        ['refused', await userIdOf('secadmin')],
        ['ok', await userIdOf('secadmin')],
      ],
    );
    assert.deepEqual(JSON.parse(events[1]!.detail), { username: account.username, from: 'window_officer', to: 'station_leader', sessionsEnded: 1 });

    // A supervisor fits any level.
    assert.equal((await sec.post(`/api/admin/users/${account.id}/role`, { role: 'supervisor' })).status, 200);
  });

  it('keeps the administrators apart: no administrator makes or touches an administrator, each does only their own acts', async () => {
    const sys = await demo('sysadmin');
    const sec = await demo('secadmin');
    const audit = await demo('auditadmin');
    const officer = await activeAccount();
    const secAdminId = await userIdOf('secadmin');
    const seq = await lastSeq();
    const refusals: [string, { status: number; body: any }, string][] = [
      [
        'sys creates a security administrator',
        await sys.post('/api/admin/users', { username: 'sec.two', displayName: '第二安全员', unitId: CITY, role: 'sec_admin' }),
        'ADMINISTRATOR_ROLE',
      ],
      ['sys assigns a role', await sys.post(`/api/admin/users/${officer.id}/role`, { role: 'station_leader' }), 'ROLE_NOT_PERMITTED'],
      ['sys disables the security administrator', await sys.post(`/api/admin/users/${secAdminId}/disable`), 'ADMINISTRATOR_ACCOUNT'],
      ['sys resets the security administrator', await sys.post(`/api/admin/users/${secAdminId}/reset-password`), 'ADMINISTRATOR_ACCOUNT'],
      ['sys sets the policy', await sys.put('/api/admin/security-policy', DEFAULT_SECURITY_POLICY), 'ROLE_NOT_PERMITTED'],
      [
        'sec creates an account',
        await sec.post('/api/admin/users', { username: 'sec.made', displayName: 'x', unitId: GULOU, role: 'window_officer' }),
        'ROLE_NOT_PERMITTED',
      ],
      ['sec disables an account', await sec.post(`/api/admin/users/${officer.id}/disable`), 'ROLE_NOT_PERMITTED'],
      ['sec resets a password', await sec.post(`/api/admin/users/${officer.id}/reset-password`), 'ROLE_NOT_PERMITTED'],
      [
        'sec adds a unit',
        await sec.post('/api/admin/units', { parentId: ECHENG, code: '420704560000', name: 'x', nameEn: 'x', kind: 'station', casePrefix: '206' }),
        'ROLE_NOT_PERMITTED',
      ],
      ['sec makes someone an administrator', await sec.post(`/api/admin/users/${officer.id}/role`, { role: 'sys_admin' }), 'ADMINISTRATOR_ROLE'],
      [
        'sec changes the audit administrator',
        await sec.post(`/api/admin/users/${await userIdOf('auditadmin')}/role`, { role: 'supervisor' }),
        'ADMINISTRATOR_ACCOUNT',
      ],
      ['audit lists accounts', await audit.get('/api/admin/users'), 'ROLE_NOT_PERMITTED'],
      ['audit reads the policy', await audit.get('/api/admin/security-policy'), 'ROLE_NOT_PERMITTED'],
      ['a business user lists units', await officer.session.get('/api/admin/units'), 'ROLE_NOT_PERMITTED'],
    ];
    for (const [what, res, reason] of refusals) {
      assert.equal(res.status, 403, what);
      assert.equal(res.body.error.details.reason, reason, what);
    }
    const denied = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', seq)
      .where('outcome', '=', 'denied')
      .orderBy('seq')
      .execute();
    assert.equal(denied.length, refusals.length, 'every refusal is on the trail');
    assert.deepEqual(
      denied.map((e) => e.reason),
      refusals.map(([, , reason]) => reason),
    );
    const secEvent = await env.ctx.db.kysely.selectFrom('users').select(['role', 'disabled']).where('id', '=', secAdminId).executeTakeFirstOrThrow();
    assert.deepEqual(secEvent, { role: 'sec_admin', disabled: 0 });
    assert.equal(
      await env.ctx.db.kysely.selectFrom('users').select('id').where('username', 'in', ['sec.two', 'sec.made']).executeTakeFirst(),
      undefined,
    );

    // And the administrators still do no business.
    for (const admin of [sys, sec, audit]) assert.equal((await admin.get('/api/cases')).status, 403);
  });

  it('lists accounts by unit subtree, role, text and state, a page at a time, without password data, to the system and security administrators', async () => {
    const sys = await demo('sysadmin');
    const sec = await demo('secadmin');
    const branch = await sys.get(`/api/admin/users?unitId=${ECHENG}&limit=200`);
    assert.equal(branch.status, 200);
    assert.ok(branch.body.users.every((u: { unitId: string }) => u.unitId.startsWith('420704')));
    assert.ok(
      branch.body.users.some((u: { unitId: string }) => u.unitId === GULOU),
      'units below count too',
    );
    assert.equal(branch.body.total, branch.body.users.length);
    assert.ok(!JSON.stringify(branch.body).includes('$argon2'));

    const leaders = await sec.get('/api/admin/users?role=station_leader');
    assert.ok(leaders.body.users.length >= 2);
    assert.ok(leaders.body.users.every((u: { role: string }) => u.role === 'station_leader'));
    const byName = await sec.get(`/api/admin/users?q=${encodeURIComponent('古楼所长')}`);
    assert.deepEqual(
      byName.body.users.map((u: { username: string }) => u.username),
      ['gulou.leader'],
    );
    // LIKE wildcards in the text are plain characters.
    assert.equal((await sec.get('/api/admin/users?q=%25')).body.total, 0);
    assert.equal((await sec.get('/api/admin/users?q=_')).body.total, 0);
    const admins = (await sys.get('/api/admin/users?unitId=420700000000&limit=200')).body.users.filter(
      (u: { administrator: boolean }) => u.administrator,
    );
    assert.deepEqual(admins.map((u: { username: string }) => u.username).sort(), ['auditadmin', 'secadmin', 'sysadmin']);

    const first = await sys.get('/api/admin/users?limit=3&offset=0');
    const second = await sys.get('/api/admin/users?limit=3&offset=3');
    assert.equal(first.body.users.length, 3);
    assert.equal(first.body.total, second.body.total);
    const names = [...first.body.users, ...second.body.users].map((u: { username: string }) => u.username);
    assert.deepEqual(names, [...names].sort(), 'by user name');
    assert.equal(new Set(names).size, 6);
    assert.equal((await sys.get('/api/admin/users?unitId=nope')).status, 404);
  });

  it('lets the security administrator set the password and lockout policy, which apply to the next password change and sign-in', async () => {
    const sec = await demo('secadmin');
    const initial = await sec.get('/api/admin/security-policy');
    assert.equal(initial.status, 200);
    assert.equal(initial.body.defaults, true);
    assert.deepEqual(initial.body.policy.lockout, {
      freeFailures: 5,
      waitMinutes: [1, 2, 4, 8, 15],
      streakResetHours: 24,
      sourceBurst: 30,
      sourceIntervalSeconds: 120,
    });

    for (const bad of [
      { ...DEFAULT_SECURITY_POLICY, password: { ...DEFAULT_SECURITY_POLICY.password, minLength: 6 } },
      { ...DEFAULT_SECURITY_POLICY, password: { ...DEFAULT_SECURITY_POLICY.password, requiredClasses: ['digit', 'digit'] } },
      { ...DEFAULT_SECURITY_POLICY, lockout: { ...DEFAULT_SECURITY_POLICY.lockout, waitMinutes: [5, 1] } },
      { ...DEFAULT_SECURITY_POLICY, lockout: { ...DEFAULT_SECURITY_POLICY.lockout, freeFailures: 100 } },
      { ...DEFAULT_SECURITY_POLICY, lockout: { ...DEFAULT_SECURITY_POLICY.lockout, waitMinutes: [] } },
    ]) {
      assert.equal((await sec.put('/api/admin/security-policy', bad)).status, 400, JSON.stringify(bad));
    }

    const account = await activeAccount();
    const strict: SecurityPolicy = {
      password: { minLength: 12, requiredClasses: ['symbol'], minClasses: 2 },
      lockout: { freeFailures: 3, waitMinutes: [10], streakResetHours: 1, sourceBurst: 30, sourceIntervalSeconds: 120 },
    };
    const seq = await lastSeq();
    const set = await sec.put('/api/admin/security-policy', strict);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.defaults, false);
    assert.equal(set.body.updatedBy, await userIdOf('secadmin'));
    assert.deepEqual((await sec.get('/api/admin/security-policy')).body.policy, strict);
    const [event] = await eventsAfter(seq, 'admin.policy_update');
    assert.deepEqual(JSON.parse(event!.detail), { before: DEFAULT_SECURITY_POLICY, after: strict });

    try {
      // The password rules: 11 characters and no symbol no longer do.
      const weak = await account.session.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Abcdefgh123' });
      assert.equal(weak.body.error.code, 'PASSWORD_POLICY_VIOLATED');
      assert.deepEqual(weak.body.error.details.rules, ['TOO_SHORT', 'MISSING_SYMBOL']);
      assert.equal(
        (await account.session.post('/api/auth/password', { currentPassword: account.password, newPassword: 'abcdefghijk#' })).status,
        200,
      );
      // A temporary password is long enough for any minimum.
      await sec.put('/api/admin/security-policy', { ...strict, password: { minLength: 40, requiredClasses: [], minClasses: 4 } });
      const temporary = await newAccount();
      assert.ok(temporary.temporaryPassword.length >= 40);

      // The lockout: three free failures, then ten minutes.
      const source = newSource();
      for (let i = 1; i <= 3; i++) assert.equal((await signIn('zelin.officer', 'wrong', source)).statusCode, 401, `failure ${i}`);
      const throttled = await signIn('zelin.officer', DEMO_PASSWORD, source);
      assert.equal(throttled.statusCode, 429);
      assert.equal(throttled.headers['retry-after'], '600');
      env.clock.advanceHours(10 / 60 + 1 / 3_600_000);
      assert.equal((await signIn('zelin.officer', DEMO_PASSWORD, source)).statusCode, 200);
    } finally {
      assert.equal((await sec.put('/api/admin/security-policy', DEFAULT_SECURITY_POLICY)).status, 200);
    }
    // Back to the defaults: five free failures again.
    const source = newSource();
    for (let i = 1; i <= 5; i++) assert.equal((await signIn('zelin.officer', 'wrong', source)).statusCode, 401, `failure ${i}`);
    assert.equal((await signIn('zelin.officer', 'wrong', source)).statusCode, 429);
  });

  it('shows the audit administrator every administrative act in the trail, with who did it', async () => {
    const trail = await (await demo('auditadmin')).get('/api/audit/events?limit=500');
    assert.equal(trail.status, 200);
    const actions = new Set(trail.body.events.map((e: { action: string }) => e.action));
    for (const action of [
      'admin.unit_create',
      'admin.unit_rename',
      'admin.unit_list',
      'admin.user_create',
      'admin.user_list',
      'admin.user_disable',
      'admin.user_enable',
      'admin.password_reset',
      'admin.role_assign',
      'admin.policy_read',
      'admin.policy_update',
      'auth.password_change',
    ]) {
      assert.ok(actions.has(action), action);
    }
    const sysId = await userIdOf('sysadmin');
    const created = trail.body.events.filter((e: { action: string; outcome: string }) => e.action === 'admin.user_create' && e.outcome === 'ok');
    assert.ok(created.length > 0 && created.every((e: { actorId: string }) => e.actorId === sysId));
  });
});
