import { RULE_CODES, type RuleCode } from '../../../server/modules/supervision/rules/rule-codes.ts';
import type { paths } from '../api/schema';

export type WarningQuery = NonNullable<paths['/api/warnings']['get']['parameters']['query']>;
export type WarningList = paths['/api/warnings']['get']['responses'][200]['content']['application/json'];
export type Warning = WarningList['items'][number];
export type WarningAct = Warning['allowedActs'][number];

export const STATE_CHOICES = ['open', 'raised', 'acknowledged', 'resolved', 'all'] as const;
export type StateChoice = (typeof STATE_CHOICES)[number];
export const PAGE_SIZE = 20;

/** What the list narrows to, as the address bar carries it; no state in the address means not yet resolved. */
export interface WarningFilter {
  state: StateChoice;
  rule?: RuleCode;
  unitId?: string;
  caseId?: string;
  from?: string;
  to?: string;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter in the address; what a hand-edited address gets wrong is dropped rather than sent to be refused. */
export function filterFromParams(params: URLSearchParams): WarningFilter {
  const state = params.get('state');
  const filter: WarningFilter = { state: (STATE_CHOICES as readonly string[]).includes(state ?? '') ? (state as StateChoice) : 'open', page: 1 };
  const rule = params.get('rule');
  if (rule && (RULE_CODES as readonly string[]).includes(rule)) filter.rule = rule as RuleCode;
  const unitId = params.get('unitId')?.trim();
  if (unitId) filter.unitId = unitId.slice(0, 64);
  const caseId = params.get('caseId');
  if (caseId && UUID.test(caseId)) filter.caseId = caseId;
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value && DAY.test(value)) filter[key] = value;
  }
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1 && page <= 10_000) filter.page = page;
  return filter;
}

export function filterToParams(filter: WarningFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.state !== 'open') params.set('state', filter.state);
  for (const key of ['rule', 'unitId', 'caseId', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}

export function warningQuery(filter: WarningFilter): WarningQuery {
  const { state, page, ...rest } = filter;
  return { ...rest, ...(state === 'all' ? {} : { state }), page, pageSize: PAGE_SIZE };
}
