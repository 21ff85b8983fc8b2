import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The digest new links of the chain use (migration 0012); rows written before keep SHA-256. */
export const CURRENT_LINK = 'sm3' as const;

/**
 * The fields a row's hash covers, in a fixed order: every column but the hash itself. An SM3 link
 * also covers its own digest name, so a row cannot be passed off as the other kind.
 */
export function auditEventHash(row: Omit<AuditEventsTable, 'hash'>): string {
  const fields = [
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
  ];
  if (row.link === 'sha256') return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
  return createHash('sm3')
    .update(JSON.stringify([...fields, row.link]), 'utf8')
    .digest('hex');
}
