import { randomUUID } from 'node:crypto';
import type { Tx } from '../server/db/transaction.ts';
import { reviewCase } from '../server/modules/cases/commands/review-case.ts';
import { withdrawCase } from '../server/modules/cases/commands/withdraw-case.ts';
import { findCase, listCaseActions } from '../server/modules/cases/cases.repo.ts';
import { canonicalJson, contentDigest } from '../server/modules/seals/case-content.ts';
import { type Decision, prepareDecisionSignature } from '../server/modules/seals/sign-case-decision.ts';
import { builtInSigningProvider } from '../server/modules/seals/signing-provider.ts';
import { LatencyRecorder, type LatencySummary } from './latency.ts';
import type { CaseFactory } from './seals-cases.ts';
import { inRolledBackTransaction, type SealsRig } from './seals-rig.ts';

/**
 * 审核 (signed) beside 撤回 (not signed), one act at a time through the real use cases. Both run
 * the same act runner (case-act.ts) on a case the station has verified, with the same pages: lock
 * and read the case and its log, check it, write the projection, the action row and the audit
 * event, present the case. Their own effects are alike (a comment), and neither needs the materials
 * count that 核准 and 呈报 do, so what 审核 does beyond 撤回 is its signature: the credentials, the
 * case content (pages, log, earlier signatures), the SES_Signature and its row. The case's log is
 * one act longer for 审核 (呈报), which is what a reviewed case is.
 */
export interface DecisionFigures {
  count: number;
  review: LatencySummary;
  withdraw: LatencySummary;
  /** prepareDecisionSignature + the built-in provider, in a rolled-back transaction: the signature as the act makes it, without its row. */
  signingWithReads: LatencySummary;
  /** Canonical JSON, SM3 and the SES_Signature over content and key already in memory. */
  signingAlone: LatencySummary;
  contentBytes: number;
  pages: number;
  /** Cases left pending the city's 审批, for the notice measurement. */
  reviewedCaseIds: string[];
}

const ROUNDS = 10;

/** The two ways of timing the signature of a 审核 of one submitted case, which is left as it is. */
async function signingProbe(rig: SealsRig, caseId: string) {
  const { ctx, actors } = rig;
  const kase = await findCase(ctx.db.kysely, ctx.dataKeys, caseId);
  if (!kase) throw new Error(`case ${caseId} is gone`);
  const seq = ((await listCaseActions(ctx.db.kysely, caseId)).at(-1)?.seq ?? 0) + 1;
  const decision = (): Decision => ({ seq, act: 'review', at: new Date().toISOString() });
  const pending = (d: Decision) => ({
    seq,
    action: 'review',
    actorId: actors.reviewer.userId,
    unitId: actors.reviewer.unitId,
    at: d.at,
    comment: '同意',
  });
  const prepare = (tx: Tx) => {
    const d = decision();
    return prepareDecisionSignature(tx, ctx, actors.reviewer, kase, d, pending(d));
  };
  const withReads = () =>
    inRolledBackTransaction(ctx, async (tx) => {
      await builtInSigningProvider.sign((await prepare(tx)).request);
    });
  const { content, request, holder } = await inRolledBackTransaction(ctx, async (tx) => {
    const prepared = await prepare(tx);
    return { ...prepared, holder: await prepared.request.signer.loadKey() };
  });
  const signer = { ...request.signer, loadKey: async () => holder };
  const alone = async () => {
    await builtInSigningProvider.sign({ ...request, documentHash: contentDigest(content), signer });
  };
  return { withReads, alone, contentBytes: Buffer.byteLength(canonicalJson(content)), pages: content.pages.length };
}

async function time(recorder: LatencyRecorder, label: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  recorder.record(label, performance.now() - started);
}

/**
 * Prepares `count + warmUp` cases for each act (untimed), then times them in alternating slices,
 * with the signing step's two measures in every round, so load from other processes falls on all
 * four alike.
 */
export async function measureDecisions(rig: SealsRig, factory: CaseFactory, count: number, warmUp: number): Promise<DecisionFigures> {
  const { ctx, actors } = rig;
  const submitted = await factory.makeMany('submitted', count + warmUp + 1);
  const verified = await factory.makeMany('verified', count + warmUp);
  const probe = await signingProbe(rig, submitted.pop()!);
  const acts = {
    review: (id: string) => reviewCase(ctx, actors.reviewer, id, { comment: '同意，呈市局审批' }, randomUUID()),
    withdraw: (id: string) => withdrawCase(ctx, actors.officer, id, { reason: '申请人申请撤回' }, randomUUID()),
  };
  const recorder = new LatencyRecorder();
  const round = async (from: number, to: number) => {
    for (const id of submitted.slice(from, to)) await time(recorder, 'review', () => acts.review(id));
    for (const id of verified.slice(from, to)) await time(recorder, 'withdraw', () => acts.withdraw(id));
    for (let i = from; i < to; i++) await time(recorder, 'signingWithReads', probe.withReads);
    for (let i = from; i < to; i++) await time(recorder, 'signingAlone', probe.alone);
  };
  recorder.recording = false;
  await round(0, warmUp);
  recorder.recording = true;
  const slice = Math.max(1, Math.ceil(count / ROUNDS));
  for (let from = warmUp; from < warmUp + count; from += slice) await round(from, Math.min(from + slice, warmUp + count));
  return {
    count,
    review: recorder.summary('review'),
    withdraw: recorder.summary('withdraw'),
    signingWithReads: recorder.summary('signingWithReads'),
    signingAlone: recorder.summary('signingAlone'),
    contentBytes: probe.contentBytes,
    pages: probe.pages,
    reviewedCaseIds: submitted,
  };
}
