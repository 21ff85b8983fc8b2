import type { AppContext } from '../../../context.ts';
import { listCaseAuditEvents } from '../../audit/audit.repo.ts';
import { parseAuditDetail } from '../../audit/present-audit-event.ts';
import type { Actor } from '../../org/actor.ts';
import type { TimelineSchema } from '../cases.schema.ts';
import type { z } from 'zod';
import { readCaseAudited } from './read-case.ts';

export type TimelineEntry = z.infer<typeof TimelineSchema>['events'][number];

/** 轨迹: every audited event on the case, acts and looks and refusals alike, oldest first. */
export function caseTimeline(ctx: AppContext, actor: Actor, caseId: string): Promise<TimelineEntry[]> {
  return readCaseAudited(ctx, actor, caseId, 'timeline', async () => {
    const events = await listCaseAuditEvents(ctx.db.kysely, caseId);
    return {
      result: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        action: e.action,
        outcome: e.outcome,
        actorId: e.actor_id,
        actorName: e.actor_name,
        actorUnitId: e.actor_unit_id,
        reason: e.reason,
        detail: parseAuditDetail(e.detail),
      })),
    };
  });
}
