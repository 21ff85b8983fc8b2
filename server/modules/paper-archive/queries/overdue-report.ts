import type { AppContext } from '../../../context.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { overdueCutoff } from '../binding-schedule.ts';
import { presentPaperFile } from '../present-paper-file.ts';
import { canReadOverdueReport } from '../paper-archive.policy.ts';
import { countUnboundByUnit, listPaperFiles, type PaperFileFilter } from '../paper-archive.repo.ts';
import type { OverdueReportSchema } from '../paper-archive.schema.ts';
import { paperScope } from './paper-scope.ts';
import type { z } from 'zod';

const MAX_ITEMS = 200;

/**
 * 逾期未装订: the files not bound by their deadline, as of now. Each unit in the reader's scope
 * with its counts, a branch or the city summing the stations under it, and the overdue files, oldest first.
 */
export function readOverdueReport(ctx: AppContext, actor: Actor, unitId: string | undefined): Promise<z.infer<typeof OverdueReportSchema>> {
  const bindDay = ctx.config.paperBindDay;
  return auditedRead(ctx, actor, { action: 'paper.overdue_report', objectType: 'paper_file', objectId: null }, async () => {
    const decision = canReadOverdueReport(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const now = ctx.now();
    const cutoff = overdueCutoff(now, bindDay);
    const scope = await paperScope(ctx.db.kysely, actor, unitId);
    const counts = await countUnboundByUnit(ctx.db.kysely, scope.unitIds, cutoff);
    const units = scope.units.map((unit) => {
      const under = counts.filter((count) => scope.units.some((u) => u.id === count.unitId && u.path.startsWith(unit.path)));
      return {
        id: unit.id,
        name: unit.name,
        nameEn: unit.name_en,
        kind: unit.kind,
        parentId: unit.parent_id,
        pending: under.reduce((sum, count) => sum + count.pending, 0),
        overdue: under.reduce((sum, count) => sum + count.overdue, 0),
      };
    });
    const filter: PaperFileFilter = { unitIds: scope.unitIds, state: 'overdue', overdueCutoff: cutoff };
    const rows = scope.outOfScope ? [] : await listPaperFiles(ctx.db.kysely, filter, { offset: 0, limit: MAX_ITEMS });
    const total = units
      .filter((unit) => unit.parentId === null || !scope.units.some((u) => u.id === unit.parentId))
      .reduce((sum, unit) => sum + unit.overdue, 0);
    return {
      result: {
        asOf: now.toISOString(),
        bindDay,
        overdueBefore: cutoff,
        units,
        items: rows.map((row) => presentPaperFile(row, ctx.catalogs, actor, now, bindDay)),
        total,
      },
      detail: { unitId: unitId ?? null, total, caseIds: rows.map((row) => row.case_id) },
    };
  });
}
