import { findAuxiliaryOverreach } from '../rules/auxiliary-overreach.ts';
import { listAuxiliaryRefusalsAfter } from '../warning-facts.repo.ts';
import { BATCH, type SweepRun } from './sweep-context.ts';

/**
 * 协警越权操作 from the trail: the refusals of auxiliaries after the last seq swept (a partial index
 * holds just them). Answers the last seq read, where the next run starts.
 */
export async function sweepRefusals(run: SweepRun, afterSeq: number, lastSeq: number): Promise<number> {
  const settings = run.policy.auxiliary_overreach;
  // Switched off: what happens meanwhile is passed over, not raised when it is switched on again.
  if (!settings.enabled) return lastSeq;
  let seq = afterSeq;
  for (;;) {
    const rows = await listAuxiliaryRefusalsAfter(run.ctx.db.kysely, seq, lastSeq, BATCH);
    await run.raise(
      rows.map((row) =>
        row.actor_id && row.actor_unit_id
          ? findAuxiliaryOverreach(
              {
                auditSeq: row.seq,
                at: row.at,
                action: row.action,
                actorId: row.actor_id,
                actorName: row.display_name,
                actorUnitId: row.actor_unit_id,
                caseId: row.case_id,
                caseUnitId: row.case_unit_id,
              },
              settings,
            )
          : null,
      ),
    );
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) return lastSeq;
    seq = last.seq;
  }
}
