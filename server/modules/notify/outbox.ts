/**
 * A message an act leaves for delivery after it commits (an SMS to the station, a reminder). It
 * is written in the act's transaction, so a message exists if and only if its act happened; a
 * sender reads the outbox and delivers, possibly more than once, never for an act that rolled back.
 */
export const OUTBOX_TOPICS = ['case.approved', 'case.returned'] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

export interface OutboxMessage {
  topic: OutboxTopic;
  payload: Record<string, unknown>;
  caseId?: string | null;
}
