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

/**
 * An actor as their session proves them. `mustChangePassword`: signed in with a temporary password
 * (a new account, a reset), which must be replaced before anything else (http/request-context.ts).
 */
export interface SessionActor extends Actor {
  mustChangePassword: boolean;
}

/** A unit path lists ancestors from the city down, e.g. "/city/branch/station/". */
export function unitInScope(actor: Actor, unitPath: string): boolean {
  return unitPath.startsWith(actor.unitPath);
}
