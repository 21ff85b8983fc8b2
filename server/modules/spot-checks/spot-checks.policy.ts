import { type Actor, unitInScope } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';

export type Decision = { allow: true } | { allow: false; notFound: boolean; reason: DenyReason };
export type DenyReason = 'ROLE_NOT_PERMITTED' | 'OUT_OF_SCOPE' | 'NOT_CHECKER' | 'NOT_ADDRESSEE';

const allow: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, notFound: reason === 'OUT_OF_SCOPE', reason });

/**
 * Who checks: a branch's reviewer or supervisor over the branch's stations, the city's approver or
 * supervisor over every station. A station's supervisor, if any, checks nothing: a unit does not check
 * its own business.
 */
const CHECKERS: ReadonlySet<Role> = new Set(['branch_reviewer', 'city_approver', 'supervisor']);

export function canCheck(actor: Actor): Decision {
  return CHECKERS.has(actor.role) && actor.unitKind !== 'station' ? allow : deny('ROLE_NOT_PERMITTED');
}

/** A round is in sight of checkers at its checking unit or above it (the city sees the branches' rounds). */
export function canSeeRound(actor: Actor, round: { checkerUnitPath: string }): Decision {
  const checking = canCheck(actor);
  if (!checking.allow) return checking;
  return unitInScope(actor, round.checkerUnitPath) ? allow : deny('OUT_OF_SCOPE');
}

/** Findings and completion are the checking unit's own: the city reads a branch's round but does not do it. */
export function canWorkOnRound(actor: Actor, round: { checkerUnitId: string; checkerUnitPath: string }): Decision {
  const seeing = canSeeRound(actor, round);
  if (!seeing.allow) return seeing;
  return actor.unitId === round.checkerUnitId ? allow : deny('NOT_CHECKER');
}

/** The station's officers and leader (not auxiliaries: this is an officer's check of originals). */
const STATION_ANSWERERS: ReadonlySet<Role> = new Set(['window_officer', 'station_leader']);

export function canListPaperVerifications(actor: Actor): Decision {
  if (canCheck(actor).allow) return allow;
  return STATION_ANSWERERS.has(actor.role) ? allow : deny('ROLE_NOT_PERMITTED');
}

/** A request is in sight of the station it is addressed to, and of checkers over that station. */
export function canSeePaperVerification(actor: Actor, target: { stationPath: string }): Decision {
  const listing = canListPaperVerifications(actor);
  if (!listing.allow) return listing;
  return unitInScope(actor, target.stationPath) ? allow : deny('OUT_OF_SCOPE');
}

/** Only the station it is addressed to answers it. */
export function canAnswerPaperVerification(actor: Actor, target: { stationUnitId: string; stationPath: string }): Decision {
  const seeing = canSeePaperVerification(actor, target);
  if (!seeing.allow) return seeing;
  return STATION_ANSWERERS.has(actor.role) && actor.unitId === target.stationUnitId ? allow : deny('NOT_ADDRESSEE');
}
