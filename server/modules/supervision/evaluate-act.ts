import type { Tx } from '../../db/transaction.ts';
import type { SubtypeRef } from '../catalog/catalog-registry.ts';
import type { CaseProjection } from '../cases/case-projection.ts';
import { type CaseWithUnit, countPagesByMaterial } from '../cases/cases.repo.ts';
import { type CaseStatus, pendingLevel } from '../cases/workflow.ts';
import type { ApprovalLevel } from '../catalog/catalog.schema.ts';
import { unitAtLevel } from './level-unit.ts';
import { raiseWarnings } from './raise-warnings.ts';
import { findApprovalOverdue, overdueAt } from './rules/approval-overdue.ts';
import { findImageReuse } from './rules/image-reuse.ts';
import { findIncompleteAtAct, findIncompleteAtLimit } from './rules/incomplete.ts';
import { findLateUpload } from './rules/late-upload.ts';
import { findNotUploaded } from './rules/not-uploaded.ts';
import type { Finding } from './rules/rule.ts';
import { findSupplement } from './rules/supplement.ts';
import { loadSupervisionPolicy } from './supervision-policy.repo.ts';
import { listPageTimesOfCases, listReuseOfImages, listUnitsAbove } from './warning-facts.repo.ts';
import { warnedFactsOfCase } from './warnings.repo.ts';

/**
 * The rules concerning one case, evaluated in the transaction of an act on it: a warning commits with
 * the act that revealed it, or not at all. Cheap on the ordinary path: an on-time capture with
 * nothing found, and a decision before its deadline, read nothing more; the settings are read only
 * when something may be wrong.
 */

const PAST_SUBMISSION: ReadonlySet<CaseStatus> = new Set(['submitted', 'approved', 'completed']);

export interface CapturedByAct {
  kase: CaseWithUnit;
  ref: SubtypeRef;
  at: string;
  materialCode: string;
  late: boolean;
  supplementReason: string | null;
  pages: readonly { imageId: string; reusedIn: number }[];
}

/** 采集 and 补录 (capture/commands/capture-pages.ts): 超期上传, 补录, 图像重复使用, and the capture limit's facts once it has passed. */
export async function warnOnCapture(tx: Tx, captured: CapturedByAct): Promise<void> {
  const { kase, at } = captured;
  const reused = captured.pages.filter((page) => page.reusedIn > 0);
  const pastLimit = at > kase.capture_deadline;
  if (!captured.late && captured.supplementReason === null && reused.length === 0 && !pastLimit) return;
  const { policy } = await loadSupervisionPolicy(tx);
  const pages = {
    caseId: kase.id,
    unitId: kase.unit_id,
    captureDeadline: kase.capture_deadline,
    capturedAt: at,
    materialCode: captured.materialCode,
  };
  const base = { ...pages, pages: captured.pages.length, late: captured.late };
  const findings: (Finding | null)[] = [findLateUpload(base, policy.late_upload)];
  if (captured.supplementReason !== null) {
    findings.push(
      findSupplement({ ...base, reason: captured.supplementReason, afterSubmission: PAST_SUBMISSION.has(kase.status) }, policy.supplement),
    );
  }
  if (reused.length > 0) {
    const byOtherCase = new Map<string, { otherCaseNo: string; pages: { imageId: string; otherImageId: string; distance: number }[] }>();
    for (const r of await listReuseOfImages(
      tx,
      reused.map((page) => page.imageId),
    )) {
      const entry = byOtherCase.get(r.otherCaseId) ?? { otherCaseNo: r.otherCaseNo, pages: [] };
      entry.pages.push({ imageId: r.imageId, otherImageId: r.otherImageId, distance: r.distance });
      byOtherCase.set(r.otherCaseId, entry);
    }
    for (const [otherCaseId, entry] of byOtherCase) {
      findings.push(findImageReuse({ caseId: kase.id, unitId: kase.unit_id, otherCaseId, capturedAt: at, ...entry }, policy.image_reuse));
    }
  }
  if (pastLimit) findings.push(...(await captureLimitFindings(tx, captured, policy)));
  await raiseWarnings(tx, findings, at, 'act');
}

/** 未上传 and 不齐全 as of the capture limit (plus grace), when a capture comes after it and the sweep has not said them yet. */
async function captureLimitFindings(
  tx: Tx,
  { kase, ref, at }: CapturedByAct,
  policy: Awaited<ReturnType<typeof loadSupervisionPolicy>>['policy'],
): Promise<(Finding | null)[]> {
  const warned = await warnedFactsOfCase(tx, kase.id);
  if (warned.has(`not_uploaded|${kase.id}`) && warned.has(`incomplete|${kase.id}`)) return [];
  const pages = (await listPageTimesOfCases(tx, [kase.id])).get(kase.id) ?? [];
  const facts = {
    caseId: kase.id,
    unitId: kase.unit_id,
    captureDeadline: kase.capture_deadline,
    closedAt: kase.closed_at,
    materials: ref.subtype.materials,
    pages,
  };
  return [findNotUploaded(facts, policy.not_uploaded, at), findIncompleteAtLimit(facts, policy.incomplete, at)];
}

export interface CaseActFacts {
  act: string;
  at: string;
  /** The case as it was before the act. */
  kase: CaseWithUnit;
  ref: SubtypeRef;
  /** The level whose turn it was (a decision's level). */
  level: ApprovalLevel | null;
  /** The case's projection after the act. */
  after: CaseProjection;
}

/**
 * Every act on a case (cases/case-act.ts): 不齐全 at submission and completion; 审批超期 for the level
 * that decides late, and for the level a review hands the case to when its time has already passed.
 */
export async function warnOnCaseAct(tx: Tx, facts: CaseActFacts): Promise<void> {
  const { act, at, kase, ref } = facts;
  const findings: (Finding | null)[] = [];
  if (act === 'submit' || act === 'complete') {
    const { policy } = await loadSupervisionPolicy(tx);
    const counted = await countPagesByMaterial(tx, kase.id);
    findings.push(
      findIncompleteAtAct({ caseId: kase.id, unitId: kase.unit_id, act, at, materials: ref.subtype.materials }, counted, policy.incomplete),
    );
  }
  const deadline = kase.approval_deadline;
  const submittedAt = kase.submitted_at;
  if ((act === 'review' || act === 'approve' || act === 'return') && deadline && submittedAt && at > deadline) {
    const { policy } = await loadSupervisionPolicy(tx);
    const next = pendingLevel({ status: facts.after.status, chainStep: facts.after.chain_step }, ref.subtype.approvalChain);
    const levels = [facts.level, act === 'review' ? next : null].filter(
      (level): level is ApprovalLevel => level !== null && at > overdueAt({ approvalDeadline: deadline, level }, policy.approval_overdue),
    );
    if (levels.length > 0 && policy.approval_overdue.enabled) {
      const units = await listUnitsAbove(tx, kase.unit_path);
      for (const level of levels) {
        const pending = {
          caseId: kase.id,
          caseUnitId: kase.unit_id,
          submittedAt,
          approvalDeadline: deadline,
          level,
          levelUnitId: unitAtLevel(units, kase.unit_id, kase.unit_path, level),
        };
        findings.push(findApprovalOverdue(pending, policy.approval_overdue, at));
      }
    }
  }
  if (findings.some((f) => f !== null)) await raiseWarnings(tx, findings, at, 'act');
}
