import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import smpp, { type PDU, type Session } from 'smpp';
import { smsGatewayOf, useSmsGateway } from '../server/modules/notify/gateways/gateway-for.ts';
import { smppGateway } from '../server/modules/notify/gateways/smpp-gateway.ts';
import { runSmsSender } from '../server/modules/notify/send-sms.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from './support/journey.ts';
import { createTestEnv, type TestEnv } from './support/test-context.ts';

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
    const body = pdu.message_payload ?? pdu.short_message;
    const text = typeof body === 'string' ? body : (body.message as string);
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
});
