import { type Actor, unitInScope } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';

export type Decision = { allow: true } | { allow: false; notFound: boolean; reason: DenyReason };
export type DenyReason = 'ROLE_NOT_PERMITTED' | 'OUT_OF_SCOPE' | 'NOT_ANSWERABLE';

/** Where a warning sits: the unit answerable for it and the station holding its case (if any). */
export interface WarningScope {
  unitId: string;
  unitPath: string;
  caseUnitPath: string | null;
}

/**
 * Who reads warnings: those who lead or decide (station leaders, branch reviewers, city approvers)
 * and the supervisors. Window officers and auxiliaries see their case's open warnings on the case
 * page, not the list; the three administrators do no business.
 */
const READERS: ReadonlySet<Role> = new Set(['station_leader', 'branch_reviewer', 'city_approver', 'supervisor']);

const allow: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, notFound: reason === 'OUT_OF_SCOPE', reason });

export function canListWarnings(actor: Actor): Decision {
  return READERS.has(actor.role) ? allow : deny('ROLE_NOT_PERMITTED');
}

/** A warning is in sight when its answerable unit or its case's station is in the reader's subtree. */
export function canSeeWarning(actor: Actor, target: WarningScope): Decision {
  const listing = canListWarnings(actor);
  if (!listing.allow) return listing;
  const inScope = unitInScope(actor, target.unitPath) || (target.caseUnitPath !== null && unitInScope(actor, target.caseUnitPath));
  return inScope ? allow : deny('OUT_OF_SCOPE');
}

/**
 * Acknowledging and resolving are for whoever answers for the warning: the leader of the unit it
 * names (a station's 所长), or a supervisor over that unit (the branch's or the city's 督查). A
 * reviewer or approver reads warnings in scope but does not close them.
 */
export function canActOnWarning(actor: Actor, target: WarningScope): Decision {
  const seeing = canSeeWarning(actor, target);
  if (!seeing.allow) return seeing;
  if (actor.role === 'station_leader' && actor.unitId === target.unitId) return allow;
  if (actor.role === 'supervisor' && unitInScope(actor, target.unitPath)) return allow;
  return deny('NOT_ANSWERABLE');
}

/** The rules' settings are the city's: a supervisor at the city bureau sets them; readers of warnings read them. */
export function canManageSupervisionPolicy(actor: Actor): Decision {
  return actor.role === 'supervisor' && actor.unitKind === 'city' ? allow : deny('ROLE_NOT_PERMITTED');
}
