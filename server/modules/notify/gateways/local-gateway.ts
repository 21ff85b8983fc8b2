import type { SmsGateway } from './sms-gateway.ts';

/**
 * The default gateway: nothing leaves the building. A text is "delivered" to the local inbox, which
 * is the SMS row itself as the SMS 发送记录 page shows it. Accepting the same reference again is
 * harmless, so it can always say what it accepted.
 */
export function localGateway(): SmsGateway {
  const accept = async (reference: string) => ({ messageId: `local-${reference}`, delivered: true });
  return {
    name: 'local',
    send: async (sms) => ({ outcome: 'accepted', ...(await accept(sms.reference)) }),
    findByReference: accept,
    onReceipt() {},
    async close() {},
  };
}
