import { runAct } from '../../acts/run-act.ts';
import type { AppContext } from '../../context.ts';
import { RetryableConflict, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { forbidden, withRefusalRecorded } from '../audit/audited.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { OutboxMessage } from '../notify/outbox.ts';
import type { Actor } from '../org/actor.ts';
import { type CaseActName, caseActTarget, fittingNextState, permissionsFor, stationMayCapture } from './allowed-acts.ts';
import { type LoggedAction, projectCase, projectionDrift } from './case-projection.ts';
import { canActOnCase } from './cases.policy.ts';
import {
  appendCaseAction,
  type CaseWithUnit,
  countPagesByMaterial,
  findCase,
  findCaseForAct,
  listCaseActions,
  updateCaseProjection,
} from './cases.repo.ts';
import { loadCasePages } from './case-pages.ts';
import { type CaseView, presentCase } from './present-case.ts';
import { ACTS_NEEDING_MATERIALS, missingMaterials } from './required-materials.ts';
import { pendingLevel } from './workflow.ts';
import { SIGNED_ACTS, signCaseDecision } from '../seals/sign-case-decision.ts';
import { builtInSigningProvider } from '../seals/signing-provider.ts';
import { type PresignedDecision, runRemotelySignedCaseAct, storePresignedDecision } from './remotely-signed-act.ts';
import { warnOnCaseAct } from '../supervision/evaluate-act.ts';
import { openWarningsOfCase } from '../supervision/queries/open-warnings-of-case.ts';

export type { CaseActName };

export interface CaseActRequest<B> {
  caseId: string;
  act: CaseActName;
  idempotencyKey: string;
  body: B;
}

/**
 * What an act adds besides the status change: its comment and detail for the action log and the
 * trail, rows of its own (pages, seals) written through `tx`, and messages to send after commit.
 * An act cannot write the case row: the runner writes the projection of the action log, nothing else.
 */
export interface CaseActEffect {
  comment?: string | null;
  detail?: Record<string, unknown>;
  outbox?: readonly OutboxMessage[];
}

/** An act's own effect; a decision signed by the province's seal system before the transaction brings what was signed (`presigned`). */
export type ApplyAct = (tx: Tx, kase: CaseWithUnit, ref: SubtypeRef, at: string, presigned?: PresignedDecision) => Promise<CaseActEffect>;

export const caseTarget = (act: CaseActName, caseId: string) => ({ action: `case.${act}` as const, objectType: 'case', objectId: caseId, caseId });

/**
 * The stored state is trusted only when it equals the projection of the log: an edited status, date
 * or version stops every act on the case until the audit administrator has looked at it.
 */
function checkProjection(kase: CaseWithUnit, log: readonly LoggedAction[], ref: SubtypeRef): void {
  const drift = projectionDrift(kase, projectCase(log, ref.subtype));
  if (drift.length > 0) throw new AppError('CASE_STATE_DRIFT', { caseNo: kase.case_no, columns: drift });
}

/** Authorizes an act on a loaded case; a case outside the actor's scope is as absent as one that never existed. */
function authorizeAct(ctx: AppContext, actor: Actor, kase: CaseWithUnit | undefined, log: readonly LoggedAction[], act: CaseActName) {
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  const ref = ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code);
  const decision = canActOnCase(actor, caseActTarget(kase, ref, log), act);
  if (!decision.allow) throw decision.notFound ? new AppError('CASE_NOT_FOUND') : forbidden(decision.reason);
  return { kase, ref };
}

/**
 * Work an act does before its transaction, such as checking and storing an upload: scope and role
 * are checked first, so nobody can make the server store files for a case they may not touch, and
 * a refusal here is recorded like any other. The act checks everything again in its transaction.
 */
export function beforeCaseAct<T>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  act: CaseActName,
  work: (kase: CaseWithUnit, ref: SubtypeRef) => Promise<T>,
): Promise<T> {
  return withRefusalRecorded(ctx, actor, caseTarget(act, caseId), async () => {
    const found = await findCase(ctx.db.kysely, ctx.dataKeys, caseId);
    const { kase, ref } = authorizeAct(ctx, actor, found, found ? await listCaseActions(ctx.db.kysely, caseId) : [], act);
    return work(kase, ref);
  });
}

/** An act that passed every check, with what it leads to. */
export interface CheckedAct {
  kase: CaseWithUnit;
  ref: SubtypeRef;
  log: LoggedAction[];
  next: NonNullable<ReturnType<typeof fittingNextState>>;
  level: ReturnType<typeof pendingLevel>;
}

/**
 * The checks of an act on a loaded case: its stored state against its log, scope and role, that the
 * act fits the state and, where it needs them, that the required materials are complete.
 */
export async function checkAct(tx: Tx, ctx: AppContext, actor: Actor, loaded: CaseWithUnit | undefined, act: CaseActName): Promise<CheckedAct> {
  const log = loaded ? await listCaseActions(tx, loaded.id) : [];
  const { kase, ref } = authorizeAct(ctx, actor, loaded, log, act);
  checkProjection(kase, log, ref);
  const chain = ref.subtype.approvalChain;
  const state = { status: kase.status, chainStep: kase.chain_step };
  const next = fittingNextState(actor, state, act, chain);
  const level = pendingLevel(state, chain);
  const needsMaterials = ACTS_NEEDING_MATERIALS.has(act);
  // A submit refused before verification names what is still to capture, so the window sees what to do.
  const missing =
    needsMaterials && (next || stationMayCapture(state, chain))
      ? missingMaterials(ref.subtype.materials, await countPagesByMaterial(tx, kase.id))
      : [];
  if (!next) {
    throw new AppError('CASE_ACT_NOT_ALLOWED', { status: kase.status, act, pendingLevel: level, ...(missing.length > 0 ? { missing } : {}) });
  }
  if (missing.length > 0) throw new AppError('CASE_MATERIALS_INCOMPLETE', { missing });
  return { kase, ref, log, next, level };
}

/**
 * Every act on an existing case: within the act skeleton (run-act.ts), lock the case, check it
 * (checkAct), apply the act's own effect, then write the new projection (guarded by the version)
 * and the action row; a decision is signed in the same transaction. allowed-acts.ts lists acts by
 * the same checks. When the province's seal system signs, a decision goes through
 * remotely-signed-act.ts, which asks for the signature first and comes back here with it.
 */
export function runCaseAct<B>(
  ctx: AppContext,
  actor: Actor,
  request: CaseActRequest<B>,
  apply: ApplyAct,
  presigned?: PresignedDecision,
): Promise<CaseView> {
  if (SIGNED_ACTS.has(request.act) && ctx.signing.name !== builtInSigningProvider.name && !presigned) {
    return runRemotelySignedCaseAct(ctx, actor, request, apply);
  }
  return runCaseActInTransaction(ctx, actor, request, apply, presigned);
}

/** The act in its one transaction (runCaseAct); a presigned decision brings its signature along. */
export function runCaseActInTransaction<B>(
  ctx: AppContext,
  actor: Actor,
  request: CaseActRequest<B>,
  apply: ApplyAct,
  presigned?: PresignedDecision,
): Promise<CaseView> {
  const { caseId, act } = request;
  const fingerprint = { act, caseId, body: request.body };
  return runAct(ctx, actor, { target: caseTarget(act, caseId), idempotencyKey: request.idempotencyKey, fingerprint }, async (tx) => {
    const locked = await findCaseForAct(tx, ctx.dataKeys, caseId);
    // Read the clock once the case is ours, so act times follow the order the acts commit in (a
    // remotely signed decision keeps the time it was signed for; its version check keeps the order).
    const at = presigned?.decision.at ?? ctx.now().toISOString();
    const { kase, ref, log, next, level } = await checkAct(tx, ctx, actor, locked, act);
    const seq = (log[log.length - 1]?.seq ?? 0) + 1;
    if (presigned && (kase.version !== presigned.version || seq !== presigned.decision.seq)) throw new AppError('CASE_CONCURRENT_UPDATE');
    const effect = await apply(tx, kase, ref, at, presigned);
    const entry = { seq, action: act, actorId: actor.userId, at };
    const projection = projectCase([...log, entry], ref.subtype);
    if (!(await updateCaseProjection(tx, kase.id, kase.version, projection))) throw new RetryableConflict();
    const detail = { ...effect.detail, level, from: kase.status, to: next.status };
    await appendCaseAction(tx, {
      case_id: kase.id,
      seq,
      action: act,
      actor_id: actor.userId,
      actor_unit_id: actor.unitId,
      at,
      comment: effect.comment ?? null,
      detail: JSON.stringify(detail),
    });
    // A decision is signed over the case as decided, this act included.
    const decision = { seq, act, at };
    const signature = !SIGNED_ACTS.has(act)
      ? null
      : presigned
        ? await storePresignedDecision(tx, ctx, actor, kase, decision, presigned)
        : await signCaseDecision(tx, ctx, actor, kase, decision, ctx.signing);
    // 预警: the rules concerning this case and act, in this transaction (supervision/evaluate-act.ts).
    await warnOnCaseAct(tx, { act, at, kase, ref, level, after: projection });
    const row = { ...kase, ...projection };
    const pages = await loadCasePages(tx, kase.id);
    const openWarnings = await openWarningsOfCase(tx, kase.id);
    return {
      result: { ...presentCase(row, ref, pages, permissionsFor(actor, row, ref, [...log, entry], pages.images, at)), openWarnings },
      at,
      audit: { reason: effect.comment ?? null, detail: { seq, ...detail, ...(signature ? { signature } : {}) } },
      outbox: effect.outbox,
    };
  });
}
