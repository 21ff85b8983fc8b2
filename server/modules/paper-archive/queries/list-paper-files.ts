import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { overdueCutoff } from '../binding-schedule.ts';
import { presentPaperFile } from '../present-paper-file.ts';
import { canListPaperFiles } from '../paper-archive.policy.ts';
import { countPaperFiles, listPaperFiles, type PaperFileFilter } from '../paper-archive.repo.ts';
import type { ListPaperFilesInput, PaperFileListSchema } from '../paper-archive.schema.ts';
import { paperScope } from './paper-scope.ts';
import type { z } from 'zod';

/**
 * 纸质档案: the decided cases in the reader's scope and their paper files, awaiting binding (oldest
 * decision first) or bound (shelf order), searched by box and volume. Recorded like a search.
 */
export function listPaperFilesInScope(ctx: AppContext, actor: Actor, input: ListPaperFilesInput): Promise<z.infer<typeof PaperFileListSchema>> {
  const { page, pageSize, ...criteria } = input;
  const bindDay = ctx.config.paperBindDay;
  return auditedRead(ctx, actor, { action: 'paper.file_list', objectType: 'paper_file', objectId: null }, async () => {
    const decision = canListPaperFiles(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const scope = await paperScope(ctx.db.kysely, actor, criteria.unitId);
    if (scope.outOfScope) return { result: { items: [], total: 0, page, pageSize, bindDay }, detail: { ...criteria, results: 0, outOfScope: true } };
    const now = ctx.now();
    const filter: PaperFileFilter = { ...criteria, unitIds: scope.unitIds, overdueCutoff: overdueCutoff(now, bindDay) };
    const [total, rows] = await Promise.all([
      countPaperFiles(ctx.db.kysely, filter),
      listPaperFiles(ctx.db.kysely, filter, { offset: (page - 1) * pageSize, limit: pageSize }),
    ]);
    return {
      result: { items: rows.map((row) => presentPaperFile(row, ctx.catalogs, actor, now, bindDay)), total, page, pageSize, bindDay },
      detail: { ...criteria, page, results: rows.length, total, caseIds: rows.map((row) => row.case_id) },
    };
  });
}
