/** A text handed to a gateway: `reference` is our row's id, the same on every attempt. */
export interface SmsToSend {
  reference: string;
  to: string;
  text: string;
}

/** The gateway took the text: its own id for it, and whether it is delivered already (the local inbox). */
export interface GatewayAcceptance {
  messageId: string;
  delivered: boolean;
}

/** A delivery receipt the gateway reports later (SMPP deliver_sm), by the gateway's message id. */
export interface SmsReceipt {
  messageId: string;
  delivered: boolean;
  status: string;
}

/**
 * How a send ended, as far as the gateway knows:
 * - `accepted`: the gateway took the text;
 * - `failed`: it did not, and said so or was never reached (refused, no connection, nothing written):
 *   the worker tries again later;
 * - `unknown`: the text went out but no answer came (a timeout, a connection lost mid-wait): it may
 *   have been taken, so it is not resent automatically (docs/SMS.md, Never twice).
 */
export type SendResult = ({ outcome: 'accepted' } & GatewayAcceptance) | { outcome: 'failed'; error: string } | { outcome: 'unknown'; error: string };

/**
 * Where texts go: the local inbox (default) or an SMS centre over SMPP (docs/SMS.md). `send` answers
 * its outcome; a gateway that throws is taken to have sent nothing (`failed`), so a gateway whose
 * text may already be out must answer `unknown` rather than throw.
 */
export interface SmsGateway {
  readonly name: string;
  send(sms: SmsToSend): Promise<SendResult>;
  /**
   * Whether the gateway accepted a text under this reference before: the answer that closes the window
   * between a send and its record. Absent when the gateway cannot tell (SMPP has no such query).
   */
  findByReference?(reference: string): Promise<GatewayAcceptance | null>;
  onReceipt(listener: (receipt: SmsReceipt) => void): void;
  close(): Promise<void>;
}
