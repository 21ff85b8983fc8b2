import type { Actor } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';

export type Decision = { allow: true } | { allow: false; reason: 'ROLE_NOT_PERMITTED' };

/**
 * The bulletin is for those who lead or decide and for supervisors, each over their own subtree (a
 * station leader: the station; a branch: its stations; the city: every unit). Window officers and
 * auxiliaries are judged by it but do not read it; the three administrators do no business.
 */
const READERS: ReadonlySet<Role> = new Set(['station_leader', 'branch_reviewer', 'city_approver', 'supervisor']);

export function canReadBulletin(actor: Actor): Decision {
  return READERS.has(actor.role) ? { allow: true } : { allow: false, reason: 'ROLE_NOT_PERMITTED' };
}
