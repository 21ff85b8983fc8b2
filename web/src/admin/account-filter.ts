import { BUSINESS_ROLES, type Role, type UsersQuery } from './admin-data.ts';
import { ROLE_NAMES } from '../../../server/modules/org/roles.ts';

export const PAGE_SIZE = 20;

/** The account list's filter as the address bar carries it. */
export interface AccountFilter {
  unitId?: string;
  role?: Role;
  q?: string;
  disabled?: 'true' | 'false';
  page: number;
}

export function accountFilterFromParams(params: URLSearchParams): AccountFilter {
  const filter: AccountFilter = { page: 1 };
  const unitId = params.get('unitId')?.trim();
  if (unitId) filter.unitId = unitId.slice(0, 64);
  const role = params.get('role');
  if (role && (ROLE_NAMES as string[]).includes(role)) filter.role = role as Role;
  const q = params.get('q')?.trim();
  if (q) filter.q = q.slice(0, 64);
  const disabled = params.get('disabled');
  if (disabled === 'true' || disabled === 'false') filter.disabled = disabled;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) filter.page = page;
  return filter;
}

export function accountFilterToParams(filter: AccountFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['unitId', 'role', 'q', 'disabled'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}

export function usersQueryOf(filter: AccountFilter): UsersQuery {
  const { page, ...criteria } = filter;
  return { ...criteria, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

/** Roles the list can be filtered by: the administrators' own accounts are listed too, so all of them. */
export const FILTER_ROLES: readonly Role[] = [...BUSINESS_ROLES, ...ROLE_NAMES.filter((role) => !BUSINESS_ROLES.includes(role))];
