import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Client, as } from './support/api.ts';
import { acceptSample, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv, TestClock } from './support/test-context.ts';

interface TrailEvent {
  seq: number;
  at: string;
  action: string;
  outcome: string;
  actorUsername: string | null;
  actorName: string | null;
  actorUnitName: string | null;
  objectType: string;
  objectId: string | null;
  caseId: string | null;
  detail: Record<string, unknown>;
}

describe('audit trail: filters, newest first, names', () => {
  const clock = new TestClock();
  let env: TestEnv;
  let auditor: Client;
  let caseId: string;
  let secondDayStart: string;

  before(async () => {
    env = await createTestEnv({ clock });
    const officer = await as(env, 'gulou.officer');
    const subtype = subtypeWithChain(env, 'station');
    caseId = (await acceptSample(officer, subtype, 1)).id;
    await officer.get(`/api/cases/${caseId}`);
    clock.advanceHours(24);
    env.forgetSessions();
    secondDayStart = clock.now().toISOString();
    const sameOfficer = await as(env, 'gulou.officer');
    await acceptSample(sameOfficer, subtype, 2);
    // A refusal: an auxiliary only captures.
    assert.equal((await (await as(env, 'gulou.aux')).post(`/api/cases/${caseId}/verify`)).status, 403);
    auditor = await as(env, 'auditadmin');
  });
  after(async () => {
    await env.close();
  });

  async function trail(query: string): Promise<{ events: TrailEvent[]; nextCursor: number | null }> {
    const res = await auditor.get(`/api/audit/events?${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  it('reads oldest first by default, as before, with who acted by name and unit', async () => {
    const { events } = await trail('limit=500');
    assert.ok(events.length > 5);
    assert.deepEqual(
      events.map((e) => e.seq),
      [...events.map((e) => e.seq)].sort((a, b) => a - b),
    );
    const accept = events.find((e) => e.action === 'case.accept');
    assert.ok(accept);
    assert.equal(accept.actorUsername, 'gulou.officer');
    assert.ok(accept.actorName);
    assert.match(accept.actorUnitName ?? '', /古楼/);
  });

  it('filters by exact action and by a family of actions', async () => {
    const accepts = await trail('action=case.accept&limit=500');
    assert.ok(accepts.events.length >= 2);
    assert.ok(accepts.events.every((e) => e.action === 'case.accept'));
    const family = await trail('action=case.&limit=500');
    assert.ok(family.events.some((e) => e.action === 'case.view'));
    assert.ok(family.events.every((e) => e.action.startsWith('case.')));
    assert.ok(family.events.length > accepts.events.length);
  });

  it('filters by outcome and by actor', async () => {
    const refused = await trail('outcome=denied&limit=500');
    assert.ok(refused.events.length >= 1);
    assert.ok(refused.events.every((e) => e.outcome === 'denied'));
    assert.ok(refused.events.some((e) => e.actorUsername === 'gulou.aux'));
    const byAux = await trail('actor=GULOU.AUX&limit=500');
    assert.ok(byAux.events.length >= 2);
    assert.ok(byAux.events.every((e) => e.actorUsername === 'gulou.aux'));
  });

  it('filters by case and by object', async () => {
    const ofCase = await trail(`caseId=${caseId}&limit=500`);
    assert.ok(ofCase.events.some((e) => e.action === 'case.accept'));
    assert.ok(ofCase.events.some((e) => e.action === 'case.view'));
    assert.ok(ofCase.events.every((e) => e.caseId === caseId));
    const ofObject = await trail(`objectType=case&objectId=${caseId}&limit=500`);
    assert.ok(ofObject.events.length >= 2);
    assert.ok(ofObject.events.every((e) => e.objectType === 'case' && e.objectId === caseId));
  });

  it('filters by a time range, inclusive, whatever offset the instant is written in', async () => {
    const second = await trail(`action=case.accept&from=${encodeURIComponent(secondDayStart)}&limit=500`);
    assert.equal(second.events.length, 1);
    const beijing = new Date(Date.parse(secondDayStart) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const firstOnly = await trail(`action=case.accept&to=${encodeURIComponent(beijing)}&limit=500`);
    assert.equal(firstOnly.events.length, 1);
    assert.ok(firstOnly.events[0]!.at < secondDayStart);
  });

  it('pages newest first with a cursor, every event once', async () => {
    const all = (await trail('order=desc&limit=500')).events.map((e) => e.seq);
    assert.deepEqual(
      all,
      [...all].sort((a, b) => b - a),
    );
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { events: TrailEvent[]; nextCursor: number | null } = await trail(`order=desc&limit=3${cursor ? `&beforeSeq=${cursor}` : ''}`);
      seen.push(...page.events.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    // Each page read is itself an event appended at the head, after the walk began.
    assert.deepEqual(
      seen.filter((seq) => seq <= all[0]!),
      all,
    );
  });

  it('refuses a malformed filter instead of ignoring it', async () => {
    for (const query of ['action=x%25', 'outcome=maybe', 'from=yesterday', 'caseId=1', 'order=sideways']) {
      const res = await auditor.get(`/api/audit/events?${query}`);
      assert.equal(res.status, 400, query);
    }
  });

  it('records what the audit administrator filtered on', async () => {
    await trail('action=admin.&outcome=ok');
    const [last] = (await trail('action=audit.read&order=desc&limit=1')).events;
    assert.ok(last);
    assert.deepEqual(last.detail.filter, { action: 'admin.', outcome: 'ok' });
  });
});
