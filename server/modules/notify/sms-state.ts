/**
 * An SMS row's life (docs/SMS.md): queued (waiting for its next attempt), sending (claimed by one
 * worker, under a lease), sent (the gateway accepted it), delivered (the gateway or the handset
 * confirmed it), failed (given up: attempts used up, no number, or the outcome of a send is unknown).
 */
export const SMS_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type SmsState = (typeof SMS_STATES)[number];

/** Who a text is for: the station that holds the case, or the applicant (when the catalog says so). */
export const SMS_RECIPIENTS = ['station', 'applicant'] as const;
export type SmsRecipient = (typeof SMS_RECIPIENTS)[number];

/** The wait after the first failed attempt; it doubles with each further failure, up to the cap. */
export const SMS_FIRST_BACKOFF_MS = 60_000;
export const SMS_MAX_BACKOFF_MS = 60 * 60_000;
/** How long a claim holds a row: longer than any send may take, so an expired lease means a dead worker. */
export const SMS_LEASE_MS = 5 * 60_000;

/** The wait after the `attempts`-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(SMS_MAX_BACKOFF_MS, SMS_FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

/** A phone number as lists show it: the first 3 and last 4 digits. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(Math.max(0, phone.length - 2)) + phone.slice(-2);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
