import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CatalogRegistry } from '../server/modules/catalog/catalog-registry.ts';
import { loadCatalogFiles, SHIPPED_CATALOG_DIR } from '../server/modules/catalog/load-shipped-catalogs.ts';
import { localGateway } from '../server/modules/notify/gateways/local-gateway.ts';
import { useSmsGateway } from '../server/modules/notify/gateways/gateway-for.ts';
import type { SmsGateway, SmsToSend } from '../server/modules/notify/gateways/sms-gateway.ts';
import { runSmsSender } from '../server/modules/notify/send-sms.ts';
import { claimSms } from '../server/modules/notify/sms.repo.ts';
import { as } from './support/api.ts';
import { approveThroughChain, DECIDER, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/**
 * SMS (docs/SMS.md): approval and return leave outbox messages that become masked Chinese texts to
 * the station (and, where the catalog says so, the applicant); the sender retries with backoff, gives
 * up after its attempts, never sends a text twice (two workers side by side, or a worker that died
 * mid-send). The clock is the test clock: no sleeps.
 */

const STATION_PHONE = '13912345678';
const MINUTE_HOURS = 1 / 60;

/** A gateway that records every send and fails while told to (the first N sends of each text, or always), by throwing: nothing sent. */
function recordingGateway(options: { failFirst?: number; alwaysFail?: boolean; findable?: boolean } = {}) {
  const sent: SmsToSend[] = [];
  const calls = new Map<string, number>();
  const gateway: SmsGateway & { sent: SmsToSend[] } = {
    name: 'test',
    sent,
    async send(sms) {
      const call = (calls.get(sms.reference) ?? 0) + 1;
      calls.set(sms.reference, call);
      // Let another worker run between the claim and the answer, as a network round trip would.
      await new Promise((resolve) => setImmediate(resolve));
      if (options.alwaysFail || call <= (options.failFirst ?? 0)) throw new Error(`gateway down (${call})`);
      sent.push(sms);
      return { outcome: 'accepted', messageId: `m-${sms.reference}`, delivered: false };
    },
    onReceipt() {},
    async close() {},
  };
  if (options.findable) gateway.findByReference = async () => null;
  return gateway;
}

async function smsRows(env: TestEnv, caseId?: string) {
  let query = env.ctx.db.kysely.selectFrom('sms_messages').selectAll();
  if (caseId) query = query.where('case_id', '=', caseId);
  return query.orderBy('recipient', 'desc').execute();
}

async function put(env: TestEnv, username: string, url: string, payload: object) {
  const token = await env.login(username);
  const res = await env.app.inject({ method: 'PUT', url, payload, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
  return { status: res.statusCode, body: res.json() };
}

async function stationId(env: TestEnv, code = '420704510000'): Promise<string> {
  return (await env.ctx.db.kysely.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function approvedCase(env: TestEnv, serial: number) {
  const subtype = subtypeWithChain(env, 'station');
  const kase = await submittedCase(env, subtype, serial);
  await approveThroughChain(env, kase.id, subtype);
  return kase;
}

describe('SMS', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
    const set = await put(env, 'sysadmin', `/api/sms/station-phones/${await stationId(env)}`, { phone: STATION_PHONE });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  });
  after(async () => {
    await env.close();
  });
  beforeEach(() => {
    useSmsGateway(env.ctx, localGateway());
  });

  it('an approval tells the station, masked, and the local gateway delivers it to the page', async () => {
    const kase = await approvedCase(env, 1);
    assert.equal((await smsRows(env, kase.id)).length, 0, 'nothing is sent inside the act');
    const run = await runSmsSender(env.ctx);
    assert.equal(run.queued, 1);
    const [row, ...rest] = await smsRows(env, kase.id);
    assert.equal(rest.length, 0, 'the shipped catalog does not tell applicants');
    assert.ok(row);
    assert.equal(row.recipient, 'station');
    assert.equal(row.to_phone, STATION_PHONE);
    assert.equal(row.state, 'delivered');
    assert.match(row.text, /已审批通过/);
    assert.match(row.text, new RegExp(kase.caseNo));
    assert.match(row.text, /张\*/);
    assert.doesNotMatch(row.text, /张三/);
    assert.match(row.text, /420704\*{8}\d{3}[\dX]/);

    const admin = await as(env, 'sysadmin');
    const list = await admin.get('/api/sms?state=delivered');
    assert.equal(list.status, 200);
    const item = list.body.items.find((i: { id: string }) => i.id === row.id);
    assert.equal(item.toMasked, '139****5678');
    assert.equal(JSON.stringify(list.body).includes(STATION_PHONE), false, 'numbers are masked in the list');
    assert.equal((await (await as(env, 'gulou.officer')).get('/api/sms')).status, 403);
    const echeng = await (await as(env, 'echeng.supervisor')).get('/api/sms');
    assert.equal(echeng.status, 200);
    assert.ok(
      echeng.body.items.some((i: { id: string }) => i.id === row.id),
      'a supervisor over the station sees it',
    );

    assert.equal((await runSmsSender(env.ctx)).queued, 0, 'an outbox message is rendered once');
    assert.equal((await smsRows(env, kase.id)).length, 1);
  });

  it('a return tells the station with the reason; a station without a number fails visibly', async () => {
    const subtype = subtypeWithChain(env, 'station');
    const kase = await submittedCase(env, subtype, 2);
    const leader = await as(env, DECIDER.station);
    assert.equal((await leader.post(`/api/cases/${kase.id}/return`, { reason: '出生医学证明不清晰' })).status, 200);
    await runSmsSender(env.ctx);
    const [row] = await smsRows(env, kase.id);
    assert.equal(row?.topic, 'case.returned');
    assert.match(row?.text ?? '', /被退回，原因：出生医学证明不清晰/);

    await put(env, 'sysadmin', `/api/sms/station-phones/${await stationId(env)}`, { phone: null });
    const other = await approvedCase(env, 3);
    await runSmsSender(env.ctx);
    const [unsent] = await smsRows(env, other.id);
    assert.equal(unsent?.state, 'failed');
    assert.match(unsent?.last_error ?? '', /未设置短信号码/);
    const admin = await as(env, 'sysadmin');
    assert.equal((await admin.post(`/api/sms/${unsent?.id}/retry`)).body.error.code, 'SMS_NOT_RETRIABLE');
    await put(env, 'sysadmin', `/api/sms/station-phones/${await stationId(env)}`, { phone: STATION_PHONE });
    const county = await put(env, 'sysadmin', `/api/sms/station-phones/${await stationId(env, '420704000000')}`, { phone: STATION_PHONE });
    assert.equal(county.body.error.code, 'SMS_UNIT_NOT_STATION');
  });

  it('a catalog that says so tells the applicant too, at the case’s phone', async () => {
    const shipped = fs.readdirSync(SHIPPED_CATALOG_DIR).filter((f) => f.endsWith('.json'));
    const dir = fs.mkdtempSync(path.join(env.dir, 'catalog-'));
    const current = env.ctx.catalogs.current(env.ctx.now());
    const flagged = structuredClone(current) as typeof current & { notifyApplicantBySms?: boolean };
    flagged.version = 'sms-test.1';
    flagged.effectiveFrom = '2026-11-28';
    for (const category of flagged.categories) for (const subtype of category.subtypes) subtype.notifyApplicantBySms = true;
    for (const file of shipped) fs.copyFileSync(path.join(SHIPPED_CATALOG_DIR, file), path.join(dir, file));
    fs.writeFileSync(path.join(dir, 'sms-test.json'), JSON.stringify(flagged));
    await loadCatalogFiles(env.ctx.db, dir, env.ctx.now());
    env.ctx.catalogs = await CatalogRegistry.load(env.ctx.db.kysely);
    assert.equal(env.ctx.catalogs.current(env.ctx.now()).version, 'sms-test.1');

    const kase = await approvedCase(env, 4);
    await runSmsSender(env.ctx);
    const rows = await smsRows(env, kase.id);
    assert.deepEqual(
      rows.map((row) => [row.recipient, row.to_phone]),
      [
        ['station', STATION_PHONE],
        ['applicant', '13800000000'],
      ],
    );
    assert.match(rows[1]?.text ?? '', /^【鄂州公安户政】张\*您好/);
    const list = await (await as(env, 'sysadmin')).get('/api/sms');
    assert.ok(list.body.items.some((i: { toMasked: string }) => i.toMasked === '138****0000'));
  });

  it('retries a failing gateway with backoff, then sends exactly once', async () => {
    const gateway = recordingGateway({ failFirst: 2 });
    useSmsGateway(env.ctx, gateway);
    const kase = await approvedCase(env, 5);
    let run = await runSmsSender(env.ctx);
    assert.equal(run.retrying, 2, 'the station and (by the catalog now in force) the applicant');
    let [row] = await smsRows(env, kase.id);
    assert.equal(row?.state, 'queued');
    assert.equal(row?.attempts, 1);
    assert.match(row?.last_error ?? '', /gateway down/);
    assert.equal(Date.parse(row?.next_attempt_at ?? '') - Date.parse(row?.updated_at ?? ''), 60_000, 'a minute after the first failure');

    run = await runSmsSender(env.ctx);
    assert.equal(run.retrying + run.sent, 0, 'not due yet');
    env.clock.advanceHours(MINUTE_HOURS);
    await runSmsSender(env.ctx);
    [row] = await smsRows(env, kase.id);
    assert.equal(row?.attempts, 2);
    assert.equal(Date.parse(row?.next_attempt_at ?? '') - Date.parse(row?.updated_at ?? ''), 120_000, 'two minutes after the second');
    env.clock.advanceHours(2 * MINUTE_HOURS);
    run = await runSmsSender(env.ctx);
    assert.equal(run.sent, 2);
    [row] = await smsRows(env, kase.id);
    assert.equal(row?.state, 'sent');
    assert.equal(row?.gateway_message_id, `m-${row?.reference}`);
    env.clock.advanceHours(1);
    await runSmsSender(env.ctx);
    const rows = await smsRows(env, kase.id);
    for (const sms of rows) assert.equal(gateway.sent.filter((s) => s.reference === sms.reference).length, 1, 'sent exactly once');
    assert.equal(gateway.sent.length, 2);
  });

  it('gives up after its attempts, visibly; the administrator queues it again (audited)', async () => {
    useSmsGateway(env.ctx, recordingGateway({ alwaysFail: true }));
    const kase = await approvedCase(env, 6);
    for (let i = 0; i < 8; i++) {
      await runSmsSender(env.ctx);
      env.clock.advanceHours(1);
    }
    const [row] = await smsRows(env, kase.id);
    assert.equal(row?.state, 'failed');
    assert.equal(row?.attempts, env.ctx.config.sms.maxAttempts);
    assert.match(row?.last_error ?? '', /已尝试5次，停止发送/);
    const listed = await (await as(env, 'sysadmin')).get('/api/sms?state=failed');
    assert.ok(listed.body.items.some((i: { id: string }) => i.id === row?.id));

    assert.equal((await (await as(env, 'city.supervisor')).post(`/api/sms/${row?.id}/retry`)).status, 403);
    const gateway = recordingGateway();
    useSmsGateway(env.ctx, gateway);
    const retried = await (await as(env, 'sysadmin')).post(`/api/sms/${row?.id}/retry`);
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.state, 'queued');
    await runSmsSender(env.ctx);
    assert.deepEqual(
      gateway.sent.map((s) => s.reference),
      [row?.reference],
    );
    const events = await env.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('object_id', '=', row?.id ?? '')
      .execute();
    assert.deepEqual(events.map((e) => `${e.action} ${e.outcome}`).sort(), ['sms.retry denied', 'sms.retry ok']);
  });

  it('two workers side by side never send a text twice', async () => {
    const gateway = recordingGateway();
    useSmsGateway(env.ctx, gateway);
    const cases: { id: string }[] = [];
    for (let serial = 10; serial < 14; serial++) cases.push(await approvedCase(env, serial));
    const runs = await Promise.all([runSmsSender(env.ctx), runSmsSender(env.ctx), runSmsSender(env.ctx)]);
    const rows = (await smsRows(env)).filter((row) => cases.some((c) => c.id === row.case_id));
    assert.equal(rows.length, 8, 'station and applicant, each once');
    assert.equal(
      runs.reduce((n, run) => n + run.queued, 0),
      8,
    );
    assert.equal(
      runs.reduce((n, run) => n + run.sent, 0),
      8,
    );
    const references = gateway.sent.map((s) => s.reference);
    assert.equal(new Set(references).size, references.length, 'no reference sent twice');
    assert.equal(references.length, 8);
    assert.ok(rows.every((row) => row.state === 'sent'));
  });

  it('a send cut off by a dead worker: asked of a gateway that can tell, else failed and not resent', async () => {
    const kase = await approvedCase(env, 20);
    useSmsGateway(env.ctx, recordingGateway({ alwaysFail: true }));
    await runSmsSender(env.ctx); // rendered; the first attempt fails
    env.clock.advanceHours(1);
    const [queued] = await smsRows(env, kase.id); // the station's text
    const at = env.ctx.now();
    // A worker claims it and dies before recording what the gateway said.
    const claimed = await claimSms(env.ctx.db.kysely, queued!.id, at.toISOString(), new Date(at.getTime() + 300_000).toISOString());
    assert.equal(claimed?.state, 'sending');
    const gateway = recordingGateway();
    useSmsGateway(env.ctx, gateway);
    await runSmsSender(env.ctx);
    const sentOf = (reference: string | undefined) => gateway.sent.filter((s) => s.reference === reference).length;
    assert.equal(sentOf(queued?.reference), 0, 'not resent while its lease holds');
    env.clock.advanceHours(1);
    const run = await runSmsSender(env.ctx);
    assert.equal(run.settled, 1);
    assert.equal(sentOf(queued?.reference), 0, 'an SMPP-like gateway cannot tell: never resent on a guess');
    const [unknown] = await smsRows(env, kase.id);
    assert.equal(unknown?.state, 'failed');
    assert.match(unknown?.last_error ?? '', /发送结果不明/);

    // The local inbox can tell what it accepted, so the same window settles as delivered, with no send.
    const other = await approvedCase(env, 21);
    useSmsGateway(env.ctx, recordingGateway({ alwaysFail: true }));
    await runSmsSender(env.ctx);
    env.clock.advanceHours(1);
    const [row] = await smsRows(env, other.id);
    const now = env.ctx.now();
    await claimSms(env.ctx.db.kysely, row!.id, now.toISOString(), new Date(now.getTime() + 300_000).toISOString());
    env.clock.advanceHours(1);
    useSmsGateway(env.ctx, localGateway());
    await runSmsSender(env.ctx);
    const [settled] = await smsRows(env, other.id);
    assert.equal(settled?.state, 'delivered');
    assert.equal(settled?.gateway_message_id, `local-${settled?.reference}`);
  });
});
