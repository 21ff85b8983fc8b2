import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { listUnits } from '../../org/org.repo.ts';
import { maskCitizenId, normalizeCitizenId } from '../../population/citizen-id.ts';
import { canSearchCases } from '../cases.policy.ts';
import { type CaseSearchFilter, searchCases } from '../cases.repo.ts';
import { type CaseSummaryView, presentCaseSummary } from '../present-case.ts';
import { forbidden, withRefusalRecorded } from '../record-refusal.ts';
import { recordAudit } from '../../audit/record-audit.ts';

export type CaseSearchInput = Omit<CaseSearchFilter, 'unitIds'> & {
  limit: number;
  cursor?: string;
};

function decodeCursor(cursor: string): { acceptedAt: string; id: string } {
  try {
    const [acceptedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof acceptedAt === 'string' && typeof id === 'string') return { acceptedAt, id };
  } catch { /* fall through to the error below */ }
  throw new AppError('VALIDATION_FAILED', { field: 'cursor' });
}

function encodeCursor(acceptedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([acceptedAt, id]), 'utf8').toString('base64url');
}

/**
 * Finds cases within the actor's scope. The search itself is audited, with the ID number masked,
 * because looking a person up is a look at their file.
 */
export async function searchCasesInScope(ctx: AppContext, actor: Actor, input: CaseSearchInput): Promise<{ items: CaseSummaryView[]; nextCursor: string | null }> {
  return withRefusalRecorded(ctx, actor, 'case.search', null, async () => {
    const decision = canSearchCases(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const units = await listUnits(ctx.db.kysely);
    const scoped = units.filter((u) => u.path.startsWith(actor.unitPath));
    const filter: CaseSearchFilter = {
      ...input,
      idNumber: input.idNumber ? normalizeCitizenId(input.idNumber) : undefined,
      unitIds: actor.unitKind === 'city' ? null : scoped.map((u) => u.id),
    };
    if (input.unitId && !scoped.some((u) => u.id === input.unitId)) return { items: [], nextCursor: null };
    const rows = await searchCases(ctx.db.kysely, filter, input.limit + 1, input.cursor ? decodeCursor(input.cursor) : undefined);
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    const { limit: _limit, cursor: _cursor, ...criteria } = input;
    await recordAudit(ctx, {
      at: ctx.now().toISOString(), actorId: actor.userId, actorUnitId: actor.unitId, action: 'case.search', objectType: 'case',
      objectId: null, outcome: 'ok', detail: { ...criteria, idNumber: input.idNumber ? maskCitizenId(input.idNumber) : undefined, results: page.length },
    });
    return {
      items: page.map((row) => presentCaseSummary(row, ctx.catalogs.subtype(row.catalog_version, row.subtype_code))),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.accepted_at, last.id) : null,
    };
  });
}
