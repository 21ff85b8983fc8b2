import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { presentVerification } from '../present-spot-check.ts';
import { canListPaperVerifications } from '../spot-checks.policy.ts';
import { listVerifications } from '../spot-checks.repo.ts';
import type { PaperVerificationView } from '../spot-checks.schema.ts';

const LIMIT = 200;

/**
 * 纸质材料核实: a station's officers see the requests addressed to it; a checker those it or the units
 * under it asked, and those to stations under it. Soonest deadline first; recorded with the cases listed.
 */
export function listPaperVerifications(
  ctx: AppContext,
  actor: Actor,
  query: { state?: 'requested' | 'overdue' | 'answered' | 'open'; roundId?: string },
): Promise<{ items: PaperVerificationView[] }> {
  return auditedRead(ctx, actor, { action: 'supervision.paper_verification_list', objectType: 'paper_verification', objectId: null }, async () => {
    const decision = canListPaperVerifications(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const states = query.state === 'open' ? (['requested', 'overdue'] as const) : query.state ? [query.state] : undefined;
    const rows = await listVerifications(ctx.db.kysely, { scopePath: actor.unitPath, states, roundId: query.roundId }, LIMIT);
    return {
      result: { items: rows.map((row) => presentVerification(row, ctx.catalogs, actor)) },
      detail: { ...query, results: rows.length, caseIds: [...new Set(rows.map((row) => row.case_id))] },
    };
  });
}
