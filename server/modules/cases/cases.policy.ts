import type { ApprovalLevel } from '../catalog/catalog.schema.ts';
import { type Actor, unitInScope } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';
import type { CaseAct } from './workflow.ts';

export type CaseReadAct = 'view' | 'timeline' | 'materials_open' | 'reveal_id' | 'portrait_view' | 'signatures' | 'notice';

/** Where a case sits in the unit tree: enough to decide who may see it. */
export interface CaseScope {
  unitId: string;
  unitPath: string;
}

/** What deciding who may act on a case needs besides its place: its chain and who acted for the station. */
export interface CaseActTarget extends CaseScope {
  chain: readonly ApprovalLevel[];
  /** Whoever accepted, verified or submitted the case, from its action log (case-projection.ts). */
  stationActorIds: readonly string[];
}

export type Decision = { allow: true } | { allow: false; notFound: boolean; reason: DenyReason };

export type DenyReason = 'OUT_OF_SCOPE' | 'ROLE_NOT_PERMITTED' | 'AUXILIARY_NOT_PERMITTED' | 'NOT_OWN_STATION' | 'OWN_CASE';

const ADMINS: ReadonlySet<Role> = new Set(['sys_admin', 'sec_admin', 'audit_admin']);
const STATION_OFFICERS: ReadonlySet<Role> = new Set(['window_officer', 'station_leader']);
const DECIDER_BY_LEVEL: Record<ApprovalLevel, Role> = { station: 'station_leader', branch: 'branch_reviewer', city: 'city_approver' };

const allow: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, notFound: reason === 'OUT_OF_SCOPE', reason });

/** Who may see cases at all: everyone but the three administrators, who have no business with cases. */
export function canSearchCases(actor: Actor): Decision {
  return ADMINS.has(actor.role) ? deny('ROLE_NOT_PERMITTED') : allow;
}

/** Who has a workbench: everyone with business work, so not the three administrators. */
export function canUseWorkbench(actor: Actor): Decision {
  return ADMINS.has(actor.role) ? deny('ROLE_NOT_PERMITTED') : allow;
}

export function canReadCase(actor: Actor, target: CaseScope, act: CaseReadAct): Decision {
  if (ADMINS.has(actor.role) || !unitInScope(actor, target.unitPath)) return deny('OUT_OF_SCOPE');
  if (act === 'reveal_id' && actor.role === 'auxiliary') return deny('AUXILIARY_NOT_PERMITTED');
  return allow;
}

/** 历史档案采集: importing a station's historical files is its officers' work, for their own station. */
export function canImportHistory(actor: Actor): Decision {
  if (actor.role === 'auxiliary') return deny('AUXILIARY_NOT_PERMITTED');
  return STATION_OFFICERS.has(actor.role) && actor.unitKind === 'station' ? allow : deny('ROLE_NOT_PERMITTED');
}

/** Acceptance happens at the actor's own station. */
export function canAccept(actor: Actor): Decision {
  if (actor.role === 'auxiliary') return deny('AUXILIARY_NOT_PERMITTED');
  if (!STATION_OFFICERS.has(actor.role) || actor.unitKind !== 'station') return deny('ROLE_NOT_PERMITTED');
  return allow;
}

/**
 * Whether the actor may perform the act on this case at all, whatever its status; the workflow then
 * decides whether the act fits the status. A case outside the actor's scope is reported as missing.
 * Separation of duties: nobody decides (reviews, approves or returns, at any level) a case they
 * accepted, verified or submitted.
 */
export function canActOnCase(actor: Actor, target: CaseActTarget, act: Exclude<CaseAct, 'accept' | 'import_history'>): Decision {
  if (ADMINS.has(actor.role) || !unitInScope(actor, target.unitPath)) return deny('OUT_OF_SCOPE');
  switch (act) {
    case 'capture':
    case 'arrange_pages':
    case 'capture_portrait':
      if (actor.unitId !== target.unitId) return deny('NOT_OWN_STATION');
      return STATION_OFFICERS.has(actor.role) || actor.role === 'auxiliary' ? allow : deny('ROLE_NOT_PERMITTED');
    // 补录 and accepting a page despite its quality warnings are an officer's judgement, stated with a reason.
    case 'supplement':
    case 'override_quality':
    case 'verify':
    case 'submit':
    case 'complete':
    case 'withdraw':
      if (actor.role === 'auxiliary') return deny('AUXILIARY_NOT_PERMITTED');
      if (actor.unitId !== target.unitId) return deny('NOT_OWN_STATION');
      return STATION_OFFICERS.has(actor.role) ? allow : deny('ROLE_NOT_PERMITTED');
    case 'review':
    case 'approve':
    case 'return': {
      if (actor.role === 'auxiliary') return deny('AUXILIARY_NOT_PERMITTED');
      const decides = target.chain.some((level) => DECIDER_BY_LEVEL[level] === actor.role && (level !== 'station' || actor.unitId === target.unitId));
      if (!decides) return deny('ROLE_NOT_PERMITTED');
      if (target.stationActorIds.includes(actor.userId)) return deny('OWN_CASE');
      return allow;
    }
  }
}

/** The level an actor decides at, used to check that the pending level is theirs. */
export function decidingLevelOf(actor: Actor): ApprovalLevel | null {
  const entry = (Object.entries(DECIDER_BY_LEVEL) as [ApprovalLevel, Role][]).find(([, role]) => role === actor.role);
  return entry ? entry[0] : null;
}
