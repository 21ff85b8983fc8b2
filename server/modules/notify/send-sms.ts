import type { AppContext } from '../../context.ts';
import type { SmsMessagesTable } from '../../db/schema.ts';
import { applyEarlyReceipt, smsGatewayOf } from './gateways/gateway-for.ts';
import type { SendResult } from './gateways/sms-gateway.ts';
import { renderPendingOutbox } from './render-outbox.ts';
import { backoffMs, SMS_LEASE_MS } from './sms-state.ts';
import { claimSms, listDueSms, listStaleSending, recordAttempt } from './sms.repo.ts';

const BATCH = 200;
const NOT_RESENT = '为避免重复发送未自动重发';
const OUTCOME_UNKNOWN = `发送结果不明（发送中断，网关无法查询是否已受理），${NOT_RESENT}`;
const unknownAfterSend = (error: string) => `发送结果不明（已发往网关，未得到是否受理的答复：${error}），${NOT_RESENT}`;

export interface SmsRun {
  queued: number;
  sent: number;
  retrying: number;
  failed: number;
  /** Sent to the gateway with no answer: failed as 发送结果不明, not resent (counted apart from `failed`). */
  unknown: number;
  settled: number;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * One run of the SMS sender (a scheduled task, docs/SMS.md): render new outbox messages into texts,
 * settle texts a dead worker left mid-send, then send what is due. Each text is claimed by a
 * conditional update before its send, so two runs side by side never send one text twice; a failed
 * send waits 1, 2, 4 … minutes, and after the configured number of attempts the text is failed. A send
 * whose outcome the gateway cannot tell (sent, never answered) is failed at once and not resent.
 */
export async function runSmsSender(ctx: AppContext): Promise<SmsRun> {
  const run: SmsRun = { queued: await renderPendingOutbox(ctx), sent: 0, retrying: 0, failed: 0, unknown: 0, settled: 0 };
  const installed = smsGatewayOf(ctx);
  const { gateway } = installed;
  const db = ctx.db.kysely;
  const iso = (ms = 0) => new Date(ctx.now().getTime() + ms).toISOString();

  // A worker died between claiming and recording: ask the gateway whether it took the text.
  for (const row of await listStaleSending(db, iso(), BATCH)) {
    const accepted = gateway.findByReference ? await gateway.findByReference(row.reference).catch(() => undefined) : undefined;
    if (accepted) {
      await recordAttempt(db, row, {
        state: accepted.delivered ? 'delivered' : 'sent',
        at: iso(),
        gateway: gateway.name,
        gatewayMessageId: accepted.messageId,
      });
    } else if (accepted === null) {
      await failedAttempt(row, 'interrupted before the gateway accepted it');
    } else {
      await recordAttempt(db, row, { state: 'failed', at: iso(), error: OUTCOME_UNKNOWN });
    }
    run.settled++;
  }

  for (const id of await listDueSms(db, iso(), BATCH)) {
    const row = await claimSms(db, id, iso(), iso(SMS_LEASE_MS));
    if (!row) continue;
    const result = await gateway
      .send({ reference: row.reference, to: row.to_phone, text: row.text })
      // A gateway that throws has, by its contract, sent nothing.
      .catch((error: unknown): SendResult => ({ outcome: 'failed', error: describe(error) }));
    if (result.outcome === 'failed') {
      await failedAttempt(row, describe(result.error));
      continue;
    }
    if (result.outcome === 'unknown') {
      // Like a worker that died mid-send: the gateway may have the text, so a person decides (重新发送).
      await recordAttempt(db, row, { state: 'failed', at: iso(), gateway: gateway.name, error: unknownAfterSend(describe(result.error)) });
      run.unknown++;
      continue;
    }
    await recordAttempt(db, row, {
      state: result.delivered ? 'delivered' : 'sent',
      at: iso(),
      gateway: gateway.name,
      gatewayMessageId: result.messageId,
    });
    await applyEarlyReceipt(ctx, installed, result.messageId);
    run.sent++;
  }
  return run;

  async function failedAttempt(row: SmsMessagesTable, error: string): Promise<void> {
    const giveUp = row.attempts >= ctx.config.sms.maxAttempts;
    const now = ctx.now().getTime();
    await recordAttempt(db, row, {
      state: giveUp ? 'failed' : 'queued',
      at: new Date(now).toISOString(),
      error: giveUp ? `已尝试${row.attempts}次，停止发送：${error}` : error,
      nextAttemptAt: giveUp ? null : new Date(now + backoffMs(row.attempts)).toISOString(),
    });
    if (giveUp) run.failed++;
    else run.retrying++;
  }
}
