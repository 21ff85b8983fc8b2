import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { beijingDayEnd, beijingDayStart } from '../../../time/beijing-day.ts';
import { auditedRead, forbidden } from '../../audit/audited.ts';
import type { Actor } from '../../org/actor.ts';
import { listUnitsInScope } from '../../org/org.repo.ts';
import { maskCitizenId, normalizeCitizenId } from '../../population/citizen-id.ts';
import type { ApprovalLevel } from '../../catalog/catalog.schema.ts';
import { stepsPendingAt } from '../catalog-facts.ts';
import { canSearchCases } from '../cases.policy.ts';
import { type CaseSearchFilter, searchCases } from '../cases.repo.ts';
import { type CaseSummaryView, presentCaseSummary } from '../present-case.ts';

/** Criteria as a person gives them; dates are inclusive Beijing calendar days (YYYY-MM-DD). */
export type CaseSearchInput = Omit<CaseSearchFilter, 'unitIds' | 'acceptedFrom' | 'acceptedBefore' | 'pendingAt'> & {
  pendingLevel?: ApprovalLevel;
  acceptedFrom?: string;
  acceptedTo?: string;
  limit: number;
  cursor?: string;
};

function decodeCursor(cursor: string): { acceptedAt: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') return { acceptedAt: parsed[0], id: parsed[1] };
  } catch {
    /* fall through to the error below */
  }
  throw new AppError('VALIDATION_FAILED', { field: 'cursor' });
}

function encodeCursor(acceptedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([acceptedAt, id]), 'utf8').toString('base64url');
}

/**
 * Finds cases within the actor's scope. Every search is audited, in scope or not and whatever it
 * finds, with the ID number masked and the cases it returned, because looking a person up is a
 * look at their file.
 */
export function searchCasesInScope(
  ctx: AppContext,
  actor: Actor,
  input: CaseSearchInput,
): Promise<{ items: CaseSummaryView[]; nextCursor: string | null }> {
  const { limit, cursor, ...criteria } = input;
  // The masked number for a person reading the trail, and its keyed index so an auditor can find
  // every search for one person without the trail holding the number.
  const recorded = {
    ...criteria,
    idNumber: criteria.idNumber ? maskCitizenId(criteria.idNumber) : undefined,
    idNumberIndex: criteria.idNumber ? ctx.dataKeys.blindIndex(normalizeCitizenId(criteria.idNumber)) : undefined,
  };
  return auditedRead(ctx, actor, { action: 'case.search', objectType: 'case', objectId: null }, async () => {
    const decision = canSearchCases(actor);
    if (!decision.allow) throw forbidden(decision.reason);
    const scoped = await listUnitsInScope(ctx.db.kysely, actor.unitPath);
    if (criteria.unitId && !scoped.some((u) => u.id === criteria.unitId)) {
      return { result: { items: [], nextCursor: null }, detail: { ...recorded, results: 0, outOfScope: true } };
    }
    const { pendingLevel, ...rest } = criteria;
    const filter: CaseSearchFilter = {
      ...rest,
      idNumber: criteria.idNumber ? normalizeCitizenId(criteria.idNumber) : undefined,
      acceptedFrom: criteria.acceptedFrom ? beijingDayStart(criteria.acceptedFrom).toISOString() : undefined,
      acceptedBefore: criteria.acceptedTo ? beijingDayEnd(criteria.acceptedTo).toISOString() : undefined,
      unitIds: actor.unitKind === 'city' ? null : scoped.map((u) => u.id),
      pendingAt: pendingLevel ? stepsPendingAt(ctx.catalogs.versions(), pendingLevel) : undefined,
    };
    const rows = await searchCases(ctx.db.kysely, ctx.dataKeys, filter, limit + 1, cursor ? decodeCursor(cursor) : undefined);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      result: {
        items: page.map((row) => presentCaseSummary(row, ctx.catalogs.subtype(row.catalog_version, row.subtype_code))),
        nextCursor: rows.length > limit && last ? encodeCursor(last.accepted_at, last.id) : null,
      },
      detail: { ...recorded, results: page.length, caseIds: page.map((row) => row.id) },
    };
  });
}
