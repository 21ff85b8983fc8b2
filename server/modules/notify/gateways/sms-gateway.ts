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
 * Where texts go: the local inbox (default) or an SMS centre over SMPP (docs/SMS.md). `send` throws
 * when the gateway did not take the text (the worker retries with backoff).
 */
export interface SmsGateway {
  readonly name: string;
  send(sms: SmsToSend): Promise<GatewayAcceptance>;
  /**
   * Whether the gateway accepted a text under this reference before: the answer that closes the window
   * between a send and its record. Absent when the gateway cannot tell (SMPP has no such query).
   */
  findByReference?(reference: string): Promise<GatewayAcceptance | null>;
  onReceipt(listener: (receipt: SmsReceipt) => void): void;
  close(): Promise<void>;
}
