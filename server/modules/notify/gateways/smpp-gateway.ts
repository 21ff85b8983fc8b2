import smpp, { type PDU, type Session } from 'smpp';
import type { SendResult, SmsGateway, SmsReceipt, SmsToSend } from './sms-gateway.ts';

export interface SmppSettings {
  url: string;
  systemId: string;
  password: string;
  sourceAddress: string;
  /**
   * How long to wait for the centre to bind or to answer a submit. A bind not answered is a failed
   * attempt (nothing was sent); a submit not answered is an unknown outcome (the text is out).
   */
  timeoutMs: number;
}

/** UCS2: the only SMPP coding that carries Chinese (data_coding 8). */
const UCS2 = 8;
/** A short_message holds 140 octets: 70 UCS2 characters; longer texts go whole in message_payload. */
const SHORT_MESSAGE_CHARS = 70;
/** esm_class bit of a deliver_sm that is a delivery receipt (SMPP 3.4 §5.2.12). */
const DELIVERY_RECEIPT = 0x04;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * An SMS centre over SMPP 3.4 (the `smpp` package): one transceiver session, bound on first use and
 * again after it drops; submit_sm asks for a delivery receipt, and the centre's deliver_sm receipts
 * are reported to the listeners (and answered, so the centre does not repeat them).
 *
 * What a send answers: a bind that fails, a session that cannot take the PDU, or a submit_sm_resp
 * with an error status is `failed` (the centre does not have the text; tried again later). Once the
 * submit_sm is written, silence until the timeout or a connection lost before the answer is `unknown`:
 * the centre may have taken it, and sending again could deliver it twice.
 */
export function smppGateway(settings: SmppSettings): SmsGateway {
  const listeners: ((receipt: SmsReceipt) => void)[] = [];
  let bound: Promise<Session> | null = null;

  function onDeliver(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    if (((pdu.esm_class as number) & DELIVERY_RECEIPT) === 0) return;
    const receipt = parseReceipt(pdu);
    if (receipt) for (const listener of listeners) listener(receipt);
  }

  function bind(): Promise<Session> {
    if (bound) return bound;
    const attempt = new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({ url: settings.url });
      const timer = setTimeout(() => {
        session.destroy();
        drop(new Error(`SMPP: no answer to bind_transceiver within ${settings.timeoutMs} ms`));
      }, settings.timeoutMs);
      timer.unref();
      // Only this session's end forgets it: a later session may be bound by then.
      function drop(error?: Error) {
        clearTimeout(timer);
        if (bound === attempt) bound = null;
        reject(error ?? new Error('SMPP: connection closed'));
      }
      session.on('error', drop);
      session.on('close', () => drop());
      session.on('deliver_sm', (pdu: PDU) => onDeliver(session, pdu));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('connect', () => {
        session.bind_transceiver({ system_id: settings.systemId, password: settings.password }, (pdu) => {
          if (pdu.command_status === smpp.ESME_ROK) {
            clearTimeout(timer);
            return resolve(session);
          }
          session.destroy();
          drop(new Error(`SMPP: bind refused (status ${pdu.command_status})`));
        });
      });
    });
    bound = attempt;
    return attempt;
  }

  function submit(session: Session, sms: SmsToSend): Promise<SendResult> {
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const settle = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        session.off('close', onClose);
        resolve(result);
      };
      const onClose = () => settle({ outcome: 'unknown', error: 'SMPP: the connection closed before the centre answered submit_sm' });
      const timer = setTimeout(() => {
        settle({ outcome: 'unknown', error: `SMPP: submit_sm sent, no answer within ${settings.timeoutMs} ms` });
        // A centre that does not answer is not trusted with the next text: that one binds afresh,
        // and a centre that is gone is then a plain failure, retried.
        session.destroy();
      }, settings.timeoutMs);
      timer.unref();
      const text = Array.from(sms.text).length > SHORT_MESSAGE_CHARS ? { message_payload: sms.text } : { short_message: sms.text };
      let written = false;
      try {
        written = session.submit_sm(
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
            if (pdu.command_status !== smpp.ESME_ROK) settle({ outcome: 'failed', error: `SMPP: submit_sm refused (status ${pdu.command_status})` });
            // Taken, though a centre that names no message id cannot have its receipt matched.
            else settle({ outcome: 'accepted', messageId: String(pdu.message_id ?? ''), delivered: false });
          },
        );
      } catch (error) {
        // The PDU could not be built: nothing was written.
        return settle({ outcome: 'failed', error: `SMPP: submit_sm not sent: ${messageOf(error)}` });
      }
      if (!written) return settle({ outcome: 'failed', error: 'SMPP: the session is not writable' });
      session.once('close', onClose);
    });
  }

  return {
    name: 'smpp',
    async send(sms: SmsToSend): Promise<SendResult> {
      let session: Session;
      try {
        session = await bind();
      } catch (error) {
        return { outcome: 'failed', error: messageOf(error) };
      }
      return submit(session, sms);
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
