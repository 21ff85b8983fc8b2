/** Role names as the server sends them (server/modules/org/roles.ts). */
export type Role =
  'window_officer' | 'auxiliary' | 'station_leader' | 'branch_reviewer' | 'city_approver' | 'supervisor' | 'sys_admin' | 'sec_admin' | 'audit_admin';

export const BUSINESS_ROLES: readonly Role[] = ['window_officer', 'auxiliary', 'station_leader', 'branch_reviewer', 'city_approver', 'supervisor'];
export const ACCEPTING_ROLES: readonly Role[] = ['window_officer', 'station_leader'];

export function hasRole(role: string, allowed: readonly Role[]): boolean {
  return (allowed as readonly string[]).includes(role);
}
