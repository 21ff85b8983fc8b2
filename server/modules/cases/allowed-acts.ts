import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { Actor } from '../org/actor.ts';
import { type LoggedAction, stationActorIds } from './case-projection.ts';
import { type CaseActTarget, canActOnCase, canReadCase, decidingLevelOf } from './cases.policy.ts';
import { ACTS_NEEDING_MATERIALS, type MissingMaterial, missingMaterials, pagesByMaterial } from './required-materials.ts';
import { CASE_ACTS, type CaseAct, type CaseStatus, nextState, pendingLevel, type WorkflowState } from './workflow.ts';

/** Acts on an existing case; the opening acts create one (accept-case.ts, history/). */
export type CaseActName = Exclude<CaseAct, 'accept' | 'import_history'>;
export const ACTS_ON_A_CASE: readonly CaseActName[] = CASE_ACTS.filter((act): act is CaseActName => act !== 'accept' && act !== 'import_history');

const DECIDING_ACTS: ReadonlySet<CaseActName> = new Set<CaseActName>(['review', 'approve', 'return']);

/** What deciding about acts needs of a stored case. */
export interface CaseForActs {
  unit_id: string;
  unit_path: string;
  status: CaseStatus;
  chain_step: number;
  capture_deadline: string;
}

/**
 * The capture limit decides between 采集 and 补录 while the station holds the case
 * (capture/commands/capture-pages.ts): before it pages are captured, after it they are supplemented.
 */
function fitsCaptureLimit(act: CaseActName, status: CaseStatus, captureLate: boolean): boolean {
  if (act === 'capture') return !captureLate;
  if (act === 'supplement' && (status === 'accepted' || status === 'verified' || status === 'returned')) return captureLate;
  return true;
}

export function caseActTarget(kase: CaseForActs, ref: SubtypeRef, log: readonly LoggedAction[]): CaseActTarget {
  return { unitId: kase.unit_id, unitPath: kase.unit_path, chain: ref.subtype.approvalChain, stationActorIds: stationActorIds(log) };
}

/**
 * The state the act leads to if it fits the case's state for this actor, else null: the workflow
 * must allow it, and a decision is taken only by the level whose turn it is.
 */
export function fittingNextState(actor: Actor, state: WorkflowState, act: CaseActName, chain: CaseActTarget['chain']): WorkflowState | null {
  const next = nextState(state, act, chain);
  if (!next) return null;
  if (DECIDING_ACTS.has(act) && pendingLevel(state, chain) !== decidingLevelOf(actor)) return null;
  return next;
}

/** Missing materials explain a refusal only while the station may still capture them. */
export function stationMayCapture(state: WorkflowState, chain: CaseActTarget['chain']): boolean {
  return nextState(state, 'capture', chain) !== null;
}

export interface CasePermissions {
  /** The acts this actor may perform on the case now; each would be accepted by its endpoint. */
  allowedActs: CaseActName[];
  canRevealId: boolean;
}

/**
 * What the actor may do with the case at this moment, decided by the very checks the acts run
 * (case-act.ts): the policy, the workflow with the pending level, and complete materials where
 * an act needs them.
 */
export function casePermissions(
  actor: Actor,
  target: CaseActTarget,
  state: WorkflowState,
  missing: readonly MissingMaterial[],
  captureLate = false,
): CasePermissions {
  const allowedActs = ACTS_ON_A_CASE.filter(
    (act) =>
      canActOnCase(actor, target, act).allow &&
      fittingNextState(actor, state, act, target.chain) !== null &&
      fitsCaptureLimit(act, state.status, captureLate) &&
      !(ACTS_NEEDING_MATERIALS.has(act) && missing.length > 0),
  );
  return { allowedActs, canRevealId: canReadCase(actor, target, 'reveal_id').allow };
}

/** casePermissions for a stored case, its action log and its captured pages, at a moment (ISO time). */
export function permissionsFor(
  actor: Actor,
  kase: CaseForActs,
  ref: SubtypeRef,
  log: readonly LoggedAction[],
  images: readonly { material_code: string }[],
  now: string,
): CasePermissions {
  const missing = missingMaterials(ref.subtype.materials, pagesByMaterial(images));
  const state = { status: kase.status, chainStep: kase.chain_step };
  return casePermissions(actor, caseActTarget(kase, ref, log), state, missing, now > kase.capture_deadline);
}
