import type { Actor } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';

/** Seals and certificates are the security administrator's (三员分立: keys are security, not system, work). */
export function canManageSeals(actor: Actor): boolean {
  return actor.role === 'sec_admin';
}

/** The roles whose acts are decisions (sign-case-decision.ts), and so hold a personal certificate. */
export const SIGNING_ROLES: ReadonlySet<Role> = new Set<Role>(['window_officer', 'station_leader', 'branch_reviewer', 'city_approver']);
