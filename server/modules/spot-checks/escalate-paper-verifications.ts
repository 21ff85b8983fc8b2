import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import { listDueForEscalation, markOverdue } from './spot-checks.repo.ts';

const BATCH = 200;

/**
 * The scheduled escalation: every paper verification past its deadline and unanswered becomes 逾期, with
 * a system event in the trail, and from then on stands out to the checking unit (the quota view counts
 * it) and to the station (its list, in red). Each request in its own transaction, guarded by its state,
 * so an answer racing the sweep wins cleanly and a second process finds nothing left to mark.
 */
export async function escalatePaperVerifications(ctx: AppContext): Promise<number> {
  let marked = 0;
  for (;;) {
    const at = ctx.now().toISOString();
    const due = await listDueForEscalation(ctx.db.kysely, at, BATCH);
    for (const row of due) {
      const done = await inTransaction(ctx.db, async (tx) => {
        if (!(await markOverdue(tx, row, at))) return false;
        await appendAuditEvent(tx, {
          at,
          actorId: null,
          actorUnitId: null,
          action: 'supervision.paper_verification_overdue',
          objectType: 'paper_verification',
          objectId: row.id,
          caseId: row.case_id,
          outcome: 'ok',
          reason: 'OVERDUE',
          detail: { dueAt: row.due_at, stationUnitId: row.station_unit_id, checkerUnitId: row.checker_unit_id, materialCode: row.material_code },
        });
        return true;
      });
      if (done) marked++;
    }
    if (due.length < BATCH) return marked;
  }
}
