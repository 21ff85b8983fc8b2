import { z } from 'zod';
import { SMS_RECIPIENTS, SMS_STATES } from './sms-state.ts';
import { OUTBOX_TOPICS } from './outbox.ts';

export const SmsIdParams = z.object({ id: z.uuid() });
export const UnitIdParams = z.object({ unitId: z.string().min(1).max(64) });

export const ListSmsQuery = z.object({
  state: z.enum(SMS_STATES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListSmsInput = z.infer<typeof ListSmsQuery>;

export const SmsViewSchema = z.object({
  id: z.uuid(),
  topic: z.enum(OUTBOX_TOPICS),
  recipient: z.enum(SMS_RECIPIENTS),
  toMasked: z.string().describe('the number, first 3 and last 4 digits; empty when the station has none'),
  text: z.string().describe('as sent: the applicant’s name and ID number already masked'),
  state: z.enum(SMS_STATES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  gateway: z.string().nullable(),
  gatewayMessageId: z.string().nullable(),
  unit: z.object({ id: z.string(), name: z.string() }),
  case: z.object({ id: z.string(), caseNo: z.string() }).nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type SmsView = z.infer<typeof SmsViewSchema>;

export const SmsListSchema = z.object({
  items: z.array(SmsViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  gateway: z.enum(['local', 'smpp']).describe('where texts go now'),
  canRetry: z.boolean(),
});

/** A mainland mobile number (11 digits from 1) or a fixed line with area code, digits only. */
export const SetStationPhoneBody = z.object({
  phone: z
    .string()
    .regex(/^(1\d{10}|0\d{9,11})$/, 'a mobile number (11 digits) or a fixed line with its area code, digits only')
    .nullable()
    .describe('null removes the number'),
});

export const StationPhoneSchema = z.object({
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  phone: z.string().nullable().describe('in full: the system administrator sets it'),
  updatedAt: z.string().nullable(),
});
export const StationPhoneListSchema = z.object({ items: z.array(StationPhoneSchema) });
