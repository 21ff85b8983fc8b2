import { type Actor, unitInScope } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';

export type Decision = { allow: true } | { allow: false; notFound: boolean; reason: DenyReason };
export type DenyReason = 'ROLE_NOT_PERMITTED' | 'AUXILIARY_NOT_PERMITTED' | 'OUT_OF_SCOPE';

/** Where a paper file is kept: its case's station. */
export interface PaperFileScope {
  unitId: string;
  unitPath: string;
}

const STATION_OFFICERS: ReadonlySet<Role> = new Set(['window_officer', 'station_leader']);
/** The archive's list: the station's officers for their own files, and those above who read within their scope. */
const LIST_READERS: ReadonlySet<Role> = new Set(['window_officer', 'station_leader', 'branch_reviewer', 'city_approver', 'supervisor']);
/** The overdue report: whoever answers for a unit's binding or oversees it. */
const REPORT_READERS: ReadonlySet<Role> = new Set(['station_leader', 'branch_reviewer', 'city_approver', 'supervisor']);

const allow: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, notFound: reason === 'OUT_OF_SCOPE', reason });

/**
 * Binding and moving are the station's own filing work (双轨制: the originals stay there): its window
 * officers and its leader, for its own cases only. An auxiliary handles paper but signs nothing.
 */
export function canFilePaper(actor: Actor): Decision {
  if (actor.role === 'auxiliary') return deny('AUXILIARY_NOT_PERMITTED');
  return STATION_OFFICERS.has(actor.role) && actor.unitKind === 'station' ? allow : deny('ROLE_NOT_PERMITTED');
}

/** A file another station keeps is out of sight, so reported as missing. */
export function canFilePaperOf(actor: Actor, target: PaperFileScope): Decision {
  const filing = canFilePaper(actor);
  if (!filing.allow) return filing;
  return actor.unitId === target.unitId ? allow : deny('OUT_OF_SCOPE');
}

export function canListPaperFiles(actor: Actor): Decision {
  if (actor.role === 'auxiliary') return deny('AUXILIARY_NOT_PERMITTED');
  return LIST_READERS.has(actor.role) ? allow : deny('ROLE_NOT_PERMITTED');
}

export function canReadOverdueReport(actor: Actor): Decision {
  return REPORT_READERS.has(actor.role) ? allow : deny('ROLE_NOT_PERMITTED');
}

/** Where a case's paper original is: whoever may read the case (its page shows it). */
export function canSeePaperFile(actor: Actor, target: PaperFileScope): Decision {
  if (['sys_admin', 'sec_admin', 'audit_admin'].includes(actor.role)) return deny('OUT_OF_SCOPE');
  return unitInScope(actor, target.unitPath) ? allow : deny('OUT_OF_SCOPE');
}
