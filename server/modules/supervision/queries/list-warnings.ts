import type { AppContext } from '../../../context.ts';
import { beijingDayEnd, beijingDayStart } from '../../../time/beijing-day.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { listUnitsInScope } from '../../org/org.repo.ts';
import { presentWarning } from '../present-warning.ts';
import type { WarningState } from '../warning-projection.ts';
import { canListWarnings } from '../warnings.policy.ts';
import { countWarnings, listWarnings, type WarningFilter } from '../warnings.repo.ts';
import type { ListWarningsInput, WarningListSchema } from '../warnings.schema.ts';
import type { z } from 'zod';

const OPEN: readonly WarningState[] = ['raised', 'acknowledged'];

/**
 * 预警 list: the warnings in the reader's sight (their unit's subtree, by the answerable unit or the
 * case's station), newest first, a page at a time. Recorded like a search, with what it returned,
 * since it lists people's cases (names masked, no ID numbers).
 */
export function listWarningsInScope(ctx: AppContext, actor: Actor, input: ListWarningsInput): Promise<z.infer<typeof WarningListSchema>> {
  const { page, pageSize, ...criteria } = input;
  return auditedRead(ctx, actor, { action: 'supervision.warning_list', objectType: 'warning', objectId: null }, async () => {
    const decision = canListWarnings(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const scoped = await listUnitsInScope(ctx.db.kysely, actor.unitPath);
    const chosen = criteria.unitId ? scoped.find((unit) => unit.id === criteria.unitId) : undefined;
    if (criteria.unitId && !chosen) {
      return { result: { items: [], total: 0, page, pageSize }, detail: { ...criteria, results: 0, outOfScope: true } };
    }
    const unitIds = chosen
      ? scoped.filter((unit) => unit.path.startsWith(chosen.path)).map((unit) => unit.id)
      : actor.unitKind === 'city'
        ? null
        : scoped.map((unit) => unit.id);
    const filter: WarningFilter = {
      unitIds,
      states: criteria.state === 'open' ? OPEN : criteria.state ? [criteria.state] : undefined,
      rule: criteria.rule,
      caseId: criteria.caseId,
      raisedFrom: criteria.from ? beijingDayStart(criteria.from).toISOString() : undefined,
      raisedBefore: criteria.to ? beijingDayEnd(criteria.to).toISOString() : undefined,
    };
    const [total, rows] = await Promise.all([
      countWarnings(ctx.db.kysely, filter),
      listWarnings(ctx.db.kysely, filter, { offset: (page - 1) * pageSize, limit: pageSize }),
    ]);
    return {
      result: { items: rows.map((row) => presentWarning(row, ctx.catalogs, actor)), total, page, pageSize },
      detail: {
        ...criteria,
        page,
        results: rows.length,
        total,
        warningIds: rows.map((row) => row.id),
        caseIds: [...new Set(rows.flatMap((row) => (row.case_id ? [row.case_id] : [])))],
      },
    };
  });
}
