import smpp, { type PDU, type Session } from 'smpp';
import type { GatewayAcceptance, SmsGateway, SmsReceipt, SmsToSend } from './sms-gateway.ts';

export interface SmppSettings {
  url: string;
  systemId: string;
  password: string;
  sourceAddress: string;
  /** How long to wait for the centre to bind or answer a submit before the attempt counts as failed. */
  timeoutMs: number;
}

/** UCS2: the only SMPP coding that carries Chinese (data_coding 8). */
const UCS2 = 8;
/** A short_message holds 140 octets: 70 UCS2 characters; longer texts go whole in message_payload. */
const SHORT_MESSAGE_CHARS = 70;
/** esm_class bit of a deliver_sm that is a delivery receipt (SMPP 3.4 §5.2.12). */
const DELIVERY_RECEIPT = 0x04;

/**
 * An SMS centre over SMPP 3.4 (the `smpp` package): one transceiver session, bound on first use and
 * again after it drops; submit_sm asks for a delivery receipt, and the centre's deliver_sm receipts
 * are reported to the listeners (and answered, so the centre does not repeat them).
 */
export function smppGateway(settings: SmppSettings): SmsGateway {
  const listeners: ((receipt: SmsReceipt) => void)[] = [];
  let bound: Promise<Session> | null = null;

  function withTimeout<T>(what: string, start: (resolve: (value: T) => void, reject: (error: Error) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`SMPP: no answer to ${what} within ${settings.timeoutMs} ms`)), settings.timeoutMs);
      timer.unref();
      start(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  function onDeliver(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    if (((pdu.esm_class as number) & DELIVERY_RECEIPT) === 0) return;
    const receipt = parseReceipt(pdu);
    if (receipt) for (const listener of listeners) listener(receipt);
  }

  function bind(): Promise<Session> {
    bound ??= withTimeout<Session>('bind_transceiver', (resolve, reject) => {
      const session = smpp.connect({ url: settings.url });
      const drop = (error?: Error) => {
        bound = null;
        reject(error ?? new Error('SMPP: connection closed'));
      };
      session.on('error', drop);
      session.on('close', () => drop());
      session.on('deliver_sm', (pdu: PDU) => onDeliver(session, pdu));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('connect', () => {
        session.bind_transceiver({ system_id: settings.systemId, password: settings.password }, (pdu) => {
          if (pdu.command_status === smpp.ESME_ROK) return resolve(session);
          session.destroy();
          drop(new Error(`SMPP: bind refused (status ${pdu.command_status})`));
        });
      });
    }).catch((error: unknown) => {
      bound = null;
      throw error;
    });
    return bound;
  }

  return {
    name: 'smpp',
    async send(sms: SmsToSend): Promise<GatewayAcceptance> {
      const session = await bind();
      const text = Array.from(sms.text).length > SHORT_MESSAGE_CHARS ? { message_payload: sms.text } : { short_message: sms.text };
      return withTimeout('submit_sm', (resolve, reject) => {
        const sent = session.submit_sm(
          {
            source_addr: settings.sourceAddress,
            destination_addr: sms.to,
            data_coding: UCS2,
            registered_delivery: 1,
            // Our row's id travels with the text, so the centre's records can be matched to ours.
            user_message_reference: referenceNumber(sms.reference),
            ...text,
          },
          (pdu) => {
            if (pdu.command_status === smpp.ESME_ROK && pdu.message_id) resolve({ messageId: String(pdu.message_id), delivered: false });
            else reject(new Error(`SMPP: submit_sm refused (status ${pdu.command_status})`));
          },
        );
        if (!sent) reject(new Error('SMPP: the session is not writable'));
      });
    },
    onReceipt(listener) {
      listeners.push(listener);
    },
    async close() {
      const session = await bound?.catch(() => null);
      bound = null;
      if (session) await new Promise<void>((resolve) => session.close(resolve));
    },
  };
}

/** user_message_reference is 16 bits: a hash of our reference, for matching by people, not for uniqueness. */
function referenceNumber(reference: string): number {
  let h = 0;
  for (const c of reference) h = (h * 31 + c.charCodeAt(0)) & 0xffff;
  return h;
}

/** A receipt's message id (the TLV, else the "id:" of the receipt text) and its final state ("stat:"). */
export function parseReceipt(pdu: PDU): SmsReceipt | null {
  const raw = pdu.short_message as { message?: string | Buffer } | string | Buffer | undefined;
  const body = typeof raw === 'string' || Buffer.isBuffer(raw) ? raw : raw?.message;
  const text = body === undefined ? '' : body.toString();
  const messageId = (pdu.receipted_message_id as string | undefined) ?? /\bid:(\S+)/i.exec(text)?.[1];
  if (!messageId) return null;
  const status = (/\bstat:(\S+)/i.exec(text)?.[1] ?? (pdu.message_state === 2 ? 'DELIVRD' : 'UNKNOWN')).toUpperCase();
  return { messageId, delivered: status === 'DELIVRD', status };
}
