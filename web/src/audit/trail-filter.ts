import { AUDIT_ACTIONS } from '../../../server/modules/audit/audit-actions.ts';
import type { paths } from '../api/schema';

export type TrailQuery = NonNullable<paths['/api/audit/events']['get']['parameters']['query']>;
export type TrailPage = paths['/api/audit/events']['get']['responses'][200]['content']['application/json'];
export type TrailEvent = TrailPage['events'][number];
export type VerifyReport = paths['/api/audit/verify']['post']['responses'][200]['content']['application/json'];

export const OUTCOMES = ['ok', 'denied', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The families of actions (the part before the dot), in the order the filter offers them. */
export const ACTION_FAMILIES = [...new Set(AUDIT_ACTIONS.map((action) => action.slice(0, action.indexOf('.'))))];

/** Object types the trail records (objectType of server/modules/audit/audited.ts callers). */
export const OBJECT_TYPES = [
  'case',
  'user',
  'unit',
  'security_policy',
  'audit_trail',
  'archive_verification',
  'catalog',
  'organisation',
  'seal',
  'certificate',
  'warning',
  'supervision_policy',
] as const;

export const PAGE_SIZE = 50;

/** What the audit administrator narrows the trail to, as the address bar carries it. */
export interface TrailFilter {
  action?: string;
  outcome?: Outcome;
  actor?: string;
  objectType?: string;
  objectId?: string;
  caseId?: string;
  /** Beijing wall-clock minutes, YYYY-MM-DDTHH:mm, as a person reads them. */
  from?: string;
  to?: string;
}

const MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const ACTION = /^([a-z]+\.[a-z_]+|[a-z]+\.)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter in the address; what a hand-edited address gets wrong is dropped rather than sent to be refused. */
export function filterFromParams(params: URLSearchParams): TrailFilter {
  const filter: TrailFilter = {};
  const action = params.get('action');
  if (action && ACTION.test(action)) filter.action = action;
  const outcome = params.get('outcome');
  if (outcome && (OUTCOMES as readonly string[]).includes(outcome)) filter.outcome = outcome as Outcome;
  for (const key of ['actor', 'objectType', 'objectId'] as const) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value.slice(0, 64);
  }
  const caseId = params.get('caseId');
  if (caseId && UUID.test(caseId)) filter.caseId = caseId;
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value && MINUTE.test(value)) filter[key] = value;
  }
  return filter;
}

export function filterToParams(filter: TrailFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (typeof value === 'string' && value.trim()) params.set(key, value.trim());
  return params;
}

export function hasFilter(filter: TrailFilter): boolean {
  return Object.keys(filter).length > 0;
}

/** The request for one page, newest first; the times are Beijing minutes, the `to` minute included whole. */
export function trailQuery(filter: TrailFilter, beforeSeq: number | null): TrailQuery {
  const { from, to, ...rest } = filter;
  return {
    ...rest,
    ...(from ? { from: `${from}:00+08:00` } : {}),
    ...(to ? { to: `${to}:59.999+08:00` } : {}),
    order: 'desc',
    limit: PAGE_SIZE,
    ...(beforeSeq !== null ? { beforeSeq } : {}),
  };
}

/** The audit row a verification problem names ("audit_events seq 42"), to open it in the trail. */
export function seqOfProblem(where: string): number | null {
  const match = /^audit_events seq (\d+)$/.exec(where);
  return match ? Number(match[1]) : null;
}
