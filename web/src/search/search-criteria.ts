import { CASE_STATUSES } from '../../../server/modules/cases/workflow.ts';
import type { paths } from '../api/schema';

export type SearchQuery = NonNullable<paths['/api/cases']['get']['parameters']['query']>;
export type Criteria = Omit<SearchQuery, 'limit' | 'cursor'>;
export type SearchResult = paths['/api/cases']['get']['responses'][200]['content']['application/json'];
export type CaseRow = SearchResult['items'][number];

export const PAGE_SIZE = 20;
export const LEVELS = ['station', 'branch', 'city'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the address bar may carry. The ID number is not among them: see criteriaFromLocation. */
const TEXT_KEYS = ['caseNo', 'name', 'unitId'] as const;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * The criteria of a search from the address (shared and reloaded) and from the history entry's
 * state. A full ID number stays out of the address bar, the browser's history list and any copied
 * link: it is kept in the history entry, which survives a reload but is never shown or shared.
 * Values a hand-edited address gets wrong are dropped rather than sent to be refused.
 */
export function criteriaFromLocation(params: URLSearchParams, state: unknown): Criteria {
  const criteria: Criteria = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (value) criteria[key] = value;
  }
  const subtypeCode = params.get('subtypeCode');
  if (subtypeCode && /^\d{4}$/.test(subtypeCode)) criteria.subtypeCode = subtypeCode;
  criteria.status = oneOf(CASE_STATUSES, params.get('status'));
  criteria.pendingLevel = oneOf(LEVELS, params.get('pendingLevel'));
  for (const key of ['acceptedFrom', 'acceptedTo'] as const) {
    const value = params.get(key);
    if (value && DAY.test(value)) criteria[key] = value;
  }
  const idNumber = (state as { idNumber?: unknown } | null)?.idNumber;
  if (typeof idNumber === 'string' && idNumber.trim()) criteria.idNumber = idNumber.trim();
  return Object.fromEntries(Object.entries(criteria).filter(([, value]) => value !== undefined));
}

/** The address part of the criteria, and the history state that carries the ID number. */
export function criteriaToLocation(criteria: Criteria): { params: URLSearchParams; state: { idNumber?: string } } {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(criteria)) {
    if (key !== 'idNumber' && typeof value === 'string' && value.trim()) params.set(key, value.trim());
  }
  return { params, state: criteria.idNumber ? { idNumber: criteria.idNumber.trim() } : {} };
}

export function hasCriteria(criteria: Criteria): boolean {
  return Object.keys(criteria).length > 0;
}
