import type { Role } from './roles.ts';

/** The signed-in person an act is attributed to, with the unit subtree they may see. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  unitKind: 'city' | 'branch' | 'station';
  unitPath: string;
}

/** A unit path lists ancestors from the city down, e.g. "/city/branch/station/". */
export function unitInScope(actor: Actor, unitPath: string): boolean {
  return unitPath.startsWith(actor.unitPath);
}
