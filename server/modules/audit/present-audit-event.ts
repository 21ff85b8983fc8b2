import { z } from 'zod';
import type { AuditTrailRow } from './audit.repo.ts';

/**
 * One event of the trail as the audit administrator reads it. Action and outcome are plain strings:
 * the trail shows whatever was stored, so a row written by an older version (or altered by hand)
 * is still readable here and flagged by `hukou verify`, not hidden behind a 500.
 */
export const AuditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string().describe('ISO-8601 UTC'),
  actorId: z.string().nullable(),
  actorUnitId: z.string().nullable(),
  actorUsername: z.string().nullable().describe('user name of whoever acted; null for the system'),
  actorName: z.string().nullable(),
  actorUnitName: z.string().nullable(),
  action: z.string().describe('e.g. case.accept, case.view, audit.read (server/modules/audit/audit-actions.ts)'),
  objectType: z.string(),
  objectId: z.string().nullable(),
  caseId: z.string().nullable(),
  outcome: z.string().describe('ok, denied or refused'),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).describe('ID numbers are masked'),
  prevHash: z.string(),
  hash: z.string().describe('SHA-256 over the other columns, chained by prevHash'),
});

export const AuditTrailSchema = z.object({
  events: z.array(AuditEventSchema),
  nextCursor: z
    .number()
    .int()
    .nullable()
    .describe('seq to pass as afterSeq (oldest first) or beforeSeq (newest first) for the next page; null at the end'),
});

export type AuditEventView = z.infer<typeof AuditEventSchema>;

const DetailObject = z.record(z.string(), z.unknown());

/** An event's stored detail as an object; text that is not a JSON object is shown as it is, not hidden. */
export function parseAuditDetail(stored: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return { unparsed: stored };
  }
  const parsed = DetailObject.safeParse(value);
  return parsed.success ? parsed.data : { value };
}

export function presentAuditEvent(row: AuditTrailRow): AuditEventView {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorUnitId: row.actor_unit_id,
    actorUsername: row.actor_username,
    actorName: row.actor_name,
    actorUnitName: row.actor_unit_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    caseId: row.case_id,
    outcome: row.outcome,
    reason: row.reason,
    detail: parseAuditDetail(row.detail),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
