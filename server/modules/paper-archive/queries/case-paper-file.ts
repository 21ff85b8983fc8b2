import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { auditedRead } from '../../audit/audited.ts';
import { canReadCase } from '../../cases/cases.policy.ts';
import type { Actor } from '../../org/actor.ts';
import { presentPaperFile } from '../present-paper-file.ts';
import { DECIDED_STATUSES, findCaseWithFile, listPaperActions } from '../paper-archive.repo.ts';
import type { CasePaperFileSchema } from '../paper-archive.schema.ts';
import type { z } from 'zod';

/** Where a case's paper original is, for its page: whoever may read the case sees it; out of sight is absent. */
export function readCasePaperFile(ctx: AppContext, actor: Actor, caseId: string): Promise<z.infer<typeof CasePaperFileSchema>> {
  return auditedRead(ctx, actor, { action: 'paper.file_view', objectType: 'paper_file', objectId: caseId, caseId }, async () => {
    const row = await findCaseWithFile(ctx.db.kysely, caseId);
    if (!row || !canReadCase(actor, { unitId: row.unit_id, unitPath: row.unit_path }, 'view').allow) throw new AppError('CASE_NOT_FOUND', { caseId });
    const decided = (DECIDED_STATUSES as readonly string[]).includes(row.status) && row.decided_at !== null;
    const history = await listPaperActions(ctx.db.kysely, caseId);
    return {
      result: {
        decided,
        file: decided ? presentPaperFile(row, ctx.catalogs, actor, ctx.now(), ctx.config.paperBindDay) : null,
        history: history.map((entry) => ({
          seq: entry.seq,
          action: entry.action,
          place: { boxNo: entry.box_no, volumeNo: entry.volume_no, sequence: entry.sequence },
          actorName: entry.actor_name,
          at: entry.at,
          reason: entry.reason,
        })),
      },
      detail: { bound: row.bound_at !== null },
    };
  });
}
