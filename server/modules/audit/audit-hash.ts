import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers, in a fixed order: every column but the hash itself. */
export function auditEventHash(row: Omit<AuditEventsTable, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.actor_unit_id,
    row.action,
    row.object_type,
    row.object_id,
    row.case_id,
    row.outcome,
    row.reason,
    row.detail,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
