import type { AppContext } from '../../context.ts';
import { bytesEqual } from '../../crypto/index.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { withRefusalRecorded } from '../audit/audited.ts';
import type { Actor } from '../org/actor.ts';
import { caseContentAt, contentDigest } from '../seals/case-content.ts';
import { SigningUnavailable } from '../seals/remote-signing-provider.ts';
import { type Decision, type PreparedSignature, prepareDecisionSignature, storeDecisionSignature } from '../seals/sign-case-decision.ts';
import { findIdempotencyKey } from '../idempotency/idempotency.repo.ts';
import { type PreparedNotice, prepareNotice, type SealedNotice, sealNotice } from '../notices/issue-notice.ts';
import { type ApplyAct, type CaseActRequest, caseTarget, checkAct, runCaseActInTransaction } from './case-act.ts';
import { type CaseWithUnit, findCase } from './cases.repo.ts';
import type { CaseView } from './present-case.ts';

/** A decision signed by the seal system before its transaction: the case version and time it was signed for. */
export interface PresignedDecision {
  version: number;
  decision: Decision;
  prepared: PreparedSignature;
  signature: Uint8Array;
  providerName: string;
  /** The approval notice, sealed by the same seal system before the transaction. */
  notice?: { prepared: PreparedNotice; sealed: SealedNotice };
}

/** The acts that issue the approval notice (approve-case.ts), which the seal system seals as well. */
const ACTS_ISSUING_NOTICE: ReadonlySet<string> = new Set(['approve']);

/** What a decision's action will say: the comment of 呈报/审核/审批, or the reason of 退回. */
function decisionComment(body: unknown): string | null {
  const { comment, reason } = (body ?? {}) as { comment?: unknown; reason?: unknown };
  if (typeof comment === 'string') return comment;
  return typeof reason === 'string' ? reason : null;
}

/**
 * A decision signed by the province's seal system (docs/SEAL-SERVICE.md), in three steps, so no
 * transaction waits on the network: (1) check the act and prepare the content as it will be once
 * decided, at a fixed time (and an approval's notice, rendered); (2) ask the seal system, with its
 * timeouts and retries, for the decision's signature and the notice's seal signatures; (3) run the act
 * with that signature, refusing it if the case changed meanwhile. When the seal system cannot
 * sign, the act fails as 签章失败 (SIGNING_FAILED, recorded in the trail, shown on the case) and
 * nothing is written; the approver tries again.
 */
export async function runRemotelySignedCaseAct<B>(ctx: AppContext, actor: Actor, request: CaseActRequest<B>, apply: ApplyAct): Promise<CaseView> {
  const { caseId, act } = request;
  // A retry of a decision already made gets its first answer back, without asking the seal system again.
  if (await findIdempotencyKey(ctx.db.kysely, actor.userId, request.idempotencyKey)) return runCaseActInTransaction(ctx, actor, request, apply);
  const presigned = await withRefusalRecorded(ctx, actor, caseTarget(act, caseId), async () => {
    const prepared = await inTransaction(ctx.db, async (tx) => {
      const { kase, ref, log } = await checkAct(tx, ctx, actor, await findCase(tx, ctx.dataKeys, caseId), act);
      const decision = { seq: (log[log.length - 1]?.seq ?? 0) + 1, act, at: ctx.now().toISOString() };
      const pending = {
        seq: decision.seq,
        action: act,
        actorId: actor.userId,
        unitId: actor.unitId,
        at: decision.at,
        comment: decisionComment(request.body),
      };
      const notice = ACTS_ISSUING_NOTICE.has(act) ? await prepareNotice(tx, ctx, actor, kase, ref, decision.at) : undefined;
      return { version: kase.version, decision, prepared: await prepareDecisionSignature(tx, ctx, actor, kase, decision, pending), notice };
    });
    try {
      const signature = await ctx.signing.sign(prepared.prepared.request);
      const { notice, ...decided } = prepared;
      const sealedNotice = notice ? { prepared: notice, sealed: await sealNotice(notice, ctx.signing) } : undefined;
      return { ...decided, signature, providerName: ctx.signing.name, notice: sealedNotice };
    } catch (error) {
      if (!(error instanceof SigningUnavailable)) throw error;
      throw new AppError('SIGNING_FAILED', { reason: error.reason, attempts: error.attempts, act });
    }
  });
  return runCaseActInTransaction(ctx, actor, request, apply, presigned);
}

/**
 * Stores the signature made before the transaction, once the case as now decided is what was
 * signed: the content built from the rows now must give the same digest.
 */
export async function storePresignedDecision(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  kase: CaseWithUnit,
  decision: Decision,
  presigned: PresignedDecision,
) {
  const now = await caseContentAt(tx, kase, decision.seq, decision.at);
  if (!bytesEqual(contentDigest(now), presigned.prepared.request.documentHash)) throw new AppError('CASE_CONCURRENT_UPDATE');
  return storeDecisionSignature(tx, ctx, actor, kase, decision, presigned.prepared, presigned.signature, presigned.providerName);
}
