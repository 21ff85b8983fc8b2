import { maskPhone } from './sms-state.ts';
import type { SmsRow } from './sms.repo.ts';
import type { SmsView } from './sms.schema.ts';

export function presentSms(row: SmsRow): SmsView {
  return {
    id: row.id,
    topic: row.topic,
    recipient: row.recipient,
    toMasked: row.to_phone ? maskPhone(row.to_phone) : '',
    text: row.text,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' ? row.next_attempt_at : null,
    lastError: row.last_error,
    gateway: row.gateway,
    gatewayMessageId: row.gateway_message_id,
    unit: { id: row.unit_id, name: row.unit_name },
    case: row.case_id && row.case_no ? { id: row.case_id, caseNo: row.case_no } : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    updatedAt: row.updated_at,
  };
}
