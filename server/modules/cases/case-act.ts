import type { AppContext } from '../../context.ts';
import { RetryableConflict, type Tx } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { CasesTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditEvent, type AuditEventInput } from '../audit/audit.repo.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import { idempotent } from '../idempotency/idempotent.ts';
import type { Actor } from '../org/actor.ts';
import { canActOnCase, decidingLevelOf } from './cases.policy.ts';
import { appendCaseAction, type CaseWithUnit, findCase, findCaseForAct, listCaseImages, nextActionSeq, updateCaseIfVersion } from './cases.repo.ts';
import { type CaseView, presentCase } from './present-case.ts';
import { forbidden, withRefusalRecorded } from './record-refusal.ts';
import { type CaseAct, type CaseStatus, nextState, pendingLevel } from './workflow.ts';

export interface CaseActRequest<B> {
  caseId: string;
  act: Exclude<CaseAct, 'accept'>;
  idempotencyKey: string;
  body: B;
}

export interface CaseActEffect {
  comment?: string | null;
  detail?: Record<string, unknown>;
  changes?: Partial<CasesTable>;
}

export type ApplyAct = (tx: Tx, kase: CaseWithUnit, ref: SubtypeRef, at: string) => Promise<CaseActEffect>;

/** Authorizes an act on a loaded case; a case outside the actor's scope is as absent as one that never existed. */
function authorizeAct(ctx: AppContext, actor: Actor, kase: CaseWithUnit | undefined, act: CaseActRequest<unknown>['act']) {
  if (!kase) throw new AppError('CASE_NOT_FOUND');
  const ref = ctx.catalogs.subtype(kase.catalog_version, kase.subtype_code);
  const decision = canActOnCase(actor, { unitId: kase.unit_id, unitPath: kase.unit_path, acceptedBy: kase.accepted_by, chain: ref.subtype.approvalChain }, act);
  if (!decision.allow) throw decision.notFound ? new AppError('CASE_NOT_FOUND') : forbidden(decision.reason);
  return { kase, ref };
}

/** Checks scope and role before expensive work such as storing an upload; the act checks again in its transaction. */
export async function precheckCaseAct(ctx: AppContext, actor: Actor, caseId: string, act: CaseActRequest<unknown>['act']): Promise<void> {
  await withRefusalRecorded(ctx, actor, `case.${act}`, caseId, async () => authorizeAct(ctx, actor, await findCase(ctx.db.kysely, caseId), act));
}

/**
 * The shape every act on an existing case shares: one transaction holding the idempotency key,
 * the authorization check, the workflow check, the act's own effect, the optimistic update of the
 * case, its action row and its audit event. A refusal changes nothing and is itself recorded.
 */
export async function runCaseAct<B>(ctx: AppContext, actor: Actor, request: CaseActRequest<B>, apply: ApplyAct): Promise<CaseView> {
  return withRefusalRecorded(ctx, actor, `case.${request.act}`, request.caseId, () => inTransaction(ctx.db, async (tx) => {
    const fingerprint = { act: request.act, caseId: request.caseId, body: request.body };
    const claimedAt = ctx.now().toISOString();
    // Appended after the answer is stored, as the last statement: on PostgreSQL the trail's lock is
    // then held only from the append to commit. A replayed answer records no new event.
    let audit: AuditEventInput | undefined;
    const { value } = await idempotent(tx, { actorId: actor.userId, key: request.idempotencyKey, fingerprint, at: claimedAt }, async () => {
      const locked = await findCaseForAct(tx, request.caseId);
      // Read the clock once the case is ours, so act times follow the order the acts commit in.
      const at = ctx.now().toISOString();
      const { kase, ref } = authorizeAct(ctx, actor, locked, request.act);
      const chain = ref.subtype.approvalChain;
      const state = { status: kase.status as CaseStatus, chainStep: kase.chain_step };
      const next = nextState(state, request.act, chain);
      const level = pendingLevel(state, chain);
      const decidingAct = request.act === 'review' || request.act === 'approve' || request.act === 'return';
      if (!next || (decidingAct && level !== decidingLevelOf(actor))) {
        throw new AppError('CASE_ACT_NOT_ALLOWED', { status: kase.status, act: request.act, pendingLevel: level });
      }
      const effect = await apply(tx, kase, ref, at);
      const changes = { ...effect.changes, status: next.status, chain_step: next.chainStep, updated_at: at };
      if (!(await updateCaseIfVersion(tx, kase.id, kase.version, changes))) throw new RetryableConflict();
      const seq = await nextActionSeq(tx, kase.id);
      const detail = { ...effect.detail, level, from: kase.status, to: next.status };
      await appendCaseAction(tx, {
        case_id: kase.id, action: request.act, actor_id: actor.userId, actor_unit_id: actor.unitId, at,
        comment: effect.comment ?? null, detail: JSON.stringify(detail),
      }, seq);
      audit = {
        at, actorId: actor.userId, actorUnitId: actor.unitId, action: `case.${request.act}`, objectType: 'case',
        objectId: kase.id, caseId: kase.id, outcome: 'ok', reason: effect.comment ?? null, detail: { seq, ...detail },
      };
      return presentCase({ ...kase, ...changes, version: kase.version + 1 }, ref, await listCaseImages(tx, kase.id));
    });
    if (audit) await appendAuditEvent(tx, audit);
    return value;
  }));
}
