import { beijingDay } from '../server/time/beijing-day.ts';
import type { CaseSample } from './bulk-load.ts';
import type { Rng } from './prng.ts';

/** Who searches: the city sees every case, a branch its stations', a station its own. */
export interface SearchUser {
  level: 'city' | 'branch' | 'station';
  username: string;
  inScope: (unitId: string) => boolean;
}

export const SEARCH_USERS: SearchUser[] = [
  { level: 'city', username: 'city.supervisor', inScope: () => true },
  { level: 'branch', username: 'echeng.supervisor', inScope: (unit) => unit.startsWith('420704') },
  { level: 'station', username: 'gulou.officer', inScope: (unit) => unit === '420704510000' },
];

export const QUERY_KINDS = ['caseNo', 'idNumber', 'name', 'subtype+dates', 'status', 'newest', 'page2'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

// What supervisors look for by status: the queues first, the archive last.
const STATUSES = ['returned', 'submitted', 'approved', 'withdrawn', 'completed', 'accepted'];

/** The Beijing day `days` away from an instant: the API's dates are Beijing calendar days. */
function shiftDay(iso: string, days: number): string {
  return beijingDay(new Date(Date.parse(iso) + days * 86_400_000));
}

/**
 * The query string of one search of a kind, built from a loaded case in the user's scope. 'page2'
 * returns the first page's query: the caller fetches it, then times the page after its cursor.
 */
export function searchQuery(kind: QueryKind, sample: CaseSample, rng: Rng): string {
  const q = new URLSearchParams();
  switch (kind) {
    case 'caseNo':
      q.set('caseNo', sample.caseNo);
      break;
    case 'idNumber':
      q.set('idNumber', sample.idNumber);
      break;
    case 'name':
      q.set('name', sample.name);
      break;
    case 'subtype+dates':
      q.set('subtypeCode', sample.subtypeCode);
      q.set('acceptedFrom', shiftDay(sample.acceptedAt, -15));
      q.set('acceptedTo', shiftDay(sample.acceptedAt, 15));
      break;
    case 'status':
      q.set('status', rng.pick(STATUSES));
      break;
    case 'newest':
    case 'page2':
      break;
  }
  const text = q.toString();
  return text ? `/api/cases?${text}` : '/api/cases';
}
