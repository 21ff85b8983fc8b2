import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { BUSINESS_ROLES, ROLES, type Role, roleFitsUnitKind } from '../../../server/modules/org/roles.ts';
import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { paths } from '../api/schema';
import { useUnits } from '../shared/units.ts';

export type AdminUnit = paths['/api/admin/units']['get']['responses'][200]['content']['application/json']['units'][number];
export type UnitKind = AdminUnit['kind'];
export type AdminUser = paths['/api/admin/users']['get']['responses'][200]['content']['application/json']['users'][number];
export type UsersQuery = NonNullable<paths['/api/admin/users']['get']['parameters']['query']>;
export type IssuedPassword = paths['/api/admin/users']['post']['responses'][201]['content']['application/json'];
export type PolicyView = paths['/api/admin/security-policy']['get']['responses'][200]['content']['application/json'];
export type SecurityPolicy = PolicyView['policy'];
export type PublicUnit = paths['/api/units']['get']['responses'][200]['content']['application/json']['units'][number];

export const ADMIN_UNITS_KEY = ['admin', 'units'] as const;
export const ADMIN_USERS_KEY = ['admin', 'users'] as const;
export const POLICY_KEY = ['admin', 'security-policy'] as const;

export function useAdminUnits() {
  return useQuery({ queryKey: ADMIN_UNITS_KEY, queryFn: () => unwrap(api.GET('/api/admin/units')) });
}

/** Every unit in the reader's scope, for choosing one (both administrators sit at the city). */
export function useUnitChoices() {
  return useUnits();
}

export function useAccounts(query: UsersQuery) {
  return useQuery({
    queryKey: [...ADMIN_USERS_KEY, query],
    queryFn: () => unwrap(api.GET('/api/admin/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Roles an administrator may hand out: business roles only, and those that fit the unit's level. */
export function rolesFor(unitKind: UnitKind | undefined): Role[] {
  if (!unitKind) return [];
  return BUSINESS_ROLES.filter((role) => roleFitsUnitKind(role, unitKind));
}

export function roleLabel(role: Role): { zh: string; en: string } {
  return { zh: ROLES[role].zh, en: ROLES[role].en };
}

export { BUSINESS_ROLES };
export type { Role };

export interface UnitNode<U extends { id: string; parentId: string | null }> {
  unit: U;
  children?: UnitNode<U>[];
}

/** The flat list as a tree, parents first; units whose parent is not in the list become roots. */
export function unitTree<U extends { id: string; parentId: string | null }>(units: readonly U[]): UnitNode<U>[] {
  const nodes = new Map(units.map((unit): [string, UnitNode<U>] => [unit.id, { unit }]));
  const roots: UnitNode<U>[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
