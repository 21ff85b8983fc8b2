import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/transaction.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import type { Finding } from './rules/rule.ts';
import { projectWarning } from './warning-projection.ts';
import { appendWarningAction, insertWarningIfNew } from './warnings.repo.ts';

export interface RaisedWarning {
  id: string;
  finding: Finding;
}

/**
 * Raises each finding whose fact has no warning yet, in the caller's transaction: the warning row
 * (its key taken by INSERT … ON CONFLICT DO NOTHING, so an act and the sweep racing for one fact
 * raise it once), the first entry of its log, and an audit event by the system (no actor, like the
 * storage sweeps). The events come after every row, so on PostgreSQL the trail's lock is taken
 * after the keys, in the same order whoever raises.
 */
export async function raiseWarnings(tx: Tx, findings: readonly (Finding | null)[], at: string, trigger: 'act' | 'sweep'): Promise<RaisedWarning[]> {
  const raised: RaisedWarning[] = [];
  for (const finding of findings) {
    if (!finding) continue;
    const id = randomUUID();
    const log = [{ seq: 1, action: 'raise' as const, actorId: null, at, note: null }];
    const inserted = await insertWarningIfNew(tx, {
      id,
      rule: finding.rule,
      fact_key: finding.factKey,
      case_id: finding.caseId,
      unit_id: finding.unitId,
      case_unit_id: finding.caseUnitId,
      occurred_at: finding.occurredAt,
      detail: JSON.stringify(finding.detail),
      ...projectWarning(log),
    });
    if (!inserted) continue;
    await appendWarningAction(tx, { warning_id: id, seq: 1, action: 'raise', actor_id: null, actor_unit_id: null, at, note: null });
    raised.push({ id, finding });
  }
  for (const { id, finding } of raised) {
    await appendAuditEvent(tx, {
      at,
      actorId: null,
      actorUnitId: null,
      action: 'supervision.warning_raise',
      objectType: 'warning',
      objectId: id,
      caseId: finding.caseId,
      outcome: 'ok',
      reason: finding.rule,
      detail: {
        rule: finding.rule,
        factKey: finding.factKey,
        unitId: finding.unitId,
        occurredAt: finding.occurredAt,
        trigger,
        ...finding.detail,
      },
    });
  }
  return raised;
}
