import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import smpp, { type PDU, type Session } from 'smpp';
import { smsGatewayOf, useSmsGateway } from '../server/modules/notify/gateways/gateway-for.ts';
import { smppGateway } from '../server/modules/notify/gateways/smpp-gateway.ts';
import { runSmsSender } from '../server/modules/notify/send-sms.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

/** Small, so a centre that never answers costs the test a moment; it runs on the gateway's own timer. */
const SMALL_TIMEOUT_MS = 300;
const MINUTE_HOURS = 1 / 60;

function textOf(pdu: PDU): string {
  const body = pdu.message_payload ?? pdu.short_message;
  return typeof body === 'string' ? body : (body.message as string);
}

/**
 * The SMPP gateway against a local SMS centre made with the `smpp` package's own server: bind as a
 * transceiver with a system id and password, submit_sm in UCS2 answered with a message id, then a
 * deliver_sm receipt that the archive records as delivered.
 */
describe('SMS over SMPP', () => {
  let env: TestEnv;
  let server: smpp.Server;
  let port = 0;
  const submitted: PDU[] = [];
  const binds: string[] = [];
  const sessions: Session[] = [];
  /** How the centre treats a submit_sm: answers it, refuses it, or takes it and never answers. */
  let centre: 'answer' | 'refuse' | 'silent' = 'answer';

  before(async () => {
    server = smpp.createServer((session) => {
      sessions.push(session);
      session.on('error', () => {});
      session.on('bind_transceiver', (pdu: PDU) => {
        binds.push(`${pdu.system_id}/${pdu.password}`);
        const ok = pdu.system_id === 'hukou' && pdu.password === 'secret';
        session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RBINDFAIL }));
      });
      session.on('submit_sm', (pdu: PDU) => {
        submitted.push(pdu);
        if (centre === 'silent') return;
        if (centre === 'refuse') return session.send(pdu.response({ command_status: smpp.ESME_RSYSERR }));
        const messageId = `C${submitted.length}`;
        session.send(pdu.response({ message_id: messageId }));
        // The handset got it: a delivery receipt, as an SMS centre sends it.
        session.deliver_sm({
          source_addr: pdu.destination_addr,
          destination_addr: pdu.source_addr,
          esm_class: 0x04,
          short_message: `id:${messageId} sub:001 dlvrd:001 submit date:2611290900 done date:2611290901 stat:DELIVRD err:000 text:`,
          receipted_message_id: messageId,
          message_state: 2,
        });
      });
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    env = await createTestEnv();
    const station = await env.ctx.db.kysely.selectFrom('units').select('id').where('code', '=', '420704510000').executeTakeFirstOrThrow();
    await env.ctx.db.kysely
      .insertInto('unit_sms_phones')
      .values({ unit_id: station.id, phone: '13912345678', updated_at: env.ctx.now().toISOString(), updated_by: null })
      .execute();
  });
  after(async () => {
    await env.close();
    for (const session of sessions) session.destroy();
    server.close();
  });

  it('binds, submits the Chinese text as UCS2 and records the delivery receipt', async () => {
    const installed = useSmsGateway(
      env.ctx,
      smppGateway({ url: `smpp://127.0.0.1:${port}`, systemId: 'hukou', password: 'secret', sourceAddress: '10690001', timeoutMs: 5000 }),
    );
    const subtype = subtypeWithChain(env, 'station');
    const kase = await submittedCase(env, subtype, 1);
    await approveThroughChain(env, kase.id, subtype);

    const receipt = once(installed.events, 'receipt');
    const run = await runSmsSender(env.ctx);
    assert.equal(run.sent, 1);
    await receipt;

    assert.deepEqual(binds, ['hukou/secret']);
    assert.equal(submitted.length, 1);
    const pdu = submitted[0]!;
    assert.equal(pdu.data_coding, 8, 'UCS2');
    assert.equal(pdu.destination_addr, '13912345678');
    assert.equal(pdu.source_addr, '10690001');
    assert.equal(pdu.registered_delivery, 1);
    const text = textOf(pdu);
    const row = await env.ctx.db.kysely.selectFrom('sms_messages').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    assert.equal(text, row.text, 'the centre got the text as rendered, Chinese intact');
    assert.match(text, /已审批通过/);
    assert.equal(row.gateway, 'smpp');
    assert.equal(row.gateway_message_id, 'C1');
    assert.equal(row.state, 'delivered');
    assert.ok(row.delivered_at);
    assert.equal(smsGatewayOf(env.ctx).gateway.name, 'smpp');
  });

  it('a refused bind is a failed attempt, retried later', async () => {
    useSmsGateway(
      env.ctx,
      smppGateway({ url: `smpp://127.0.0.1:${port}`, systemId: 'hukou', password: 'wrong', sourceAddress: '10690001', timeoutMs: 5000 }),
    );
    const subtype = subtypeWithChain(env, 'station');
    const kase = await submittedCase(env, subtype, 2);
    await approveThroughChain(env, kase.id, subtype);
    const run = await runSmsSender(env.ctx);
    assert.equal(run.retrying, 1);
    const row = await env.ctx.db.kysely.selectFrom('sms_messages').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'queued');
    assert.match(row.last_error ?? '', /bind refused/);
    assert.equal(submitted.length, 1, 'nothing submitted without a bind');
  });

  async function approvedCase(serial: number) {
    const subtype = subtypeWithChain(env, 'station');
    const kase = await submittedCase(env, subtype, serial);
    await approveThroughChain(env, kase.id, subtype);
    return kase;
  }
  const gatewayTo = (url: string) =>
    smppGateway({ url, systemId: 'hukou', password: 'secret', sourceAddress: '10690001', timeoutMs: SMALL_TIMEOUT_MS });
  const submitsOf = (caseNo: string) => submitted.filter((pdu) => textOf(pdu).includes(caseNo)).length;
  const rowOf = (caseId: string) => env.ctx.db.kysely.selectFrom('sms_messages').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();

  it('a submit the centre never answers is 发送结果不明 after one attempt, and never sent again by itself', async () => {
    centre = 'silent';
    useSmsGateway(env.ctx, gatewayTo(`smpp://127.0.0.1:${port}`));
    const kase = await approvedCase(3);
    const run = await runSmsSender(env.ctx);
    assert.deepEqual([run.unknown, run.retrying, run.sent], [1, 0, 0]);
    let row = await rowOf(kase.id);
    assert.equal(row.state, 'failed');
    assert.equal(row.attempts, 1);
    assert.match(row.last_error ?? '', /^发送结果不明.*no answer within 300 ms.*未自动重发$/);
    assert.equal(submitsOf(kase.caseNo), 1);

    // Hours later, with the centre answering again, the sender still leaves it to a person.
    centre = 'answer';
    env.clock.advanceHours(2);
    await runSmsSender(env.ctx);
    row = await rowOf(kase.id);
    assert.equal(row.state, 'failed');
    assert.equal(row.attempts, 1);
    assert.equal(submitsOf(kase.caseNo), 1, 'the centre saw exactly one submit_sm');
  });

  it('a submit the centre refuses is a failed attempt, retried later', async () => {
    centre = 'refuse';
    const installed = useSmsGateway(env.ctx, gatewayTo(`smpp://127.0.0.1:${port}`));
    const kase = await approvedCase(4);
    const run = await runSmsSender(env.ctx);
    assert.deepEqual([run.retrying, run.unknown], [1, 0]);
    const row = await rowOf(kase.id);
    assert.equal(row.state, 'queued');
    assert.match(row.last_error ?? '', /submit_sm refused \(status 8\)/);

    centre = 'answer';
    env.clock.advanceHours(MINUTE_HOURS);
    const receipt = once(installed.events, 'receipt');
    await runSmsSender(env.ctx);
    await receipt;
    assert.equal((await rowOf(kase.id)).state, 'delivered');
    assert.equal(submitsOf(kase.caseNo), 2, 'refused, then sent');
  });

  it('a centre that cannot be reached is a failed attempt, retried later', async () => {
    const closed = net.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    useSmsGateway(env.ctx, gatewayTo(`smpp://127.0.0.1:${closedPort}`));
    const kase = await approvedCase(5);
    const run = await runSmsSender(env.ctx);
    assert.deepEqual([run.retrying, run.unknown], [1, 0]);
    const row = await rowOf(kase.id);
    assert.equal(row.state, 'queued');
    assert.match(row.last_error ?? '', /ECONNREFUSED/);
    assert.equal(submitsOf(kase.caseNo), 0);
  });
});
