import { EventEmitter } from 'node:events';
import type { AppContext } from '../../../context.ts';
import { recordReceipt } from '../sms.repo.ts';
import { localGateway } from './local-gateway.ts';
import type { SmsGateway, SmsReceipt } from './sms-gateway.ts';
import { smppGateway } from './smpp-gateway.ts';

interface Installed {
  gateway: SmsGateway;
  /** Receipts that came before their send was recorded (a fast centre): applied when it is. */
  early: Map<string, SmsReceipt>;
  events: EventEmitter;
}

const installed = new WeakMap<AppContext, Installed>();
const EARLY_RECEIPTS_KEPT = 1000;

/** The context's gateway, made from the configuration on first use; its receipts are recorded as they come. */
export function smsGatewayOf(ctx: AppContext): Installed {
  let found = installed.get(ctx);
  if (!found) {
    const { sms } = ctx.config;
    const gateway = sms.smpp ? smppGateway({ ...sms.smpp, password: sms.smpp.password.reveal() }) : localGateway();
    found = useSmsGateway(ctx, gateway);
  }
  return found;
}

/** Puts a gateway in place for a context (the configured one, or a test's). */
export function useSmsGateway(ctx: AppContext, gateway: SmsGateway): Installed {
  const previous = installed.get(ctx);
  if (previous && previous.gateway !== gateway) void previous.gateway.close().catch(() => {});
  const entry: Installed = { gateway, early: new Map(), events: new EventEmitter() };
  gateway.onReceipt((receipt) => {
    applyReceipt(ctx, entry, receipt).catch((error: unknown) => entry.events.emit('error', error));
  });
  entry.events.on('error', () => {});
  installed.set(ctx, entry);
  return entry;
}

async function applyReceipt(ctx: AppContext, entry: Installed, receipt: SmsReceipt): Promise<void> {
  const at = ctx.now().toISOString();
  if (await recordReceipt(ctx.db.kysely, entry.gateway.name, receipt.messageId, receipt.delivered, receipt.status, at)) {
    entry.events.emit('receipt', receipt);
    return;
  }
  entry.early.set(receipt.messageId, receipt);
  if (entry.early.size > EARLY_RECEIPTS_KEPT) entry.early.delete(entry.early.keys().next().value as string);
}

/** After a send is recorded: a receipt that arrived first is applied now. */
export async function applyEarlyReceipt(ctx: AppContext, entry: Installed, messageId: string): Promise<void> {
  const receipt = entry.early.get(messageId);
  if (!receipt) return;
  entry.early.delete(messageId);
  await applyReceipt(ctx, entry, receipt);
}

/** Closes the context's gateway (the SMPP session) at shutdown. */
export async function closeSmsGateway(ctx: AppContext): Promise<void> {
  const entry = installed.get(ctx);
  installed.delete(ctx);
  await entry?.gateway.close();
}
