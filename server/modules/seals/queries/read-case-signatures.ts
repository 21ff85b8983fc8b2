import type { AppContext } from '../../../context.ts';
import { readCaseAudited } from '../../cases/queries/read-case.ts';
import type { Actor } from '../../org/actor.ts';
import { latestDecisionAttempt } from '../seals.repo.ts';
import { type CaseSignatureView, verifyCaseSignatures } from '../verify-case-signatures.ts';

export interface SigningFailure {
  act: string;
  at: string;
  actorName: string | null;
  reason: string | null;
  attempts: number | null;
}

/** 签章失败: the latest decision on the case could not be signed and nobody has decided since. */
async function signingFailure(ctx: AppContext, caseId: string): Promise<SigningFailure | null> {
  const attempt = await latestDecisionAttempt(ctx.db.kysely, caseId);
  if (!attempt || attempt.outcome !== 'refused') return null;
  const detail = JSON.parse(attempt.detail) as { code?: string; reason?: string; attempts?: number };
  if (detail.code !== 'SIGNING_FAILED') return null;
  return {
    act: attempt.action.replace(/^case\./, ''),
    at: attempt.at,
    actorName: attempt.actor_name,
    reason: detail.reason ?? null,
    attempts: detail.attempts ?? null,
  };
}

/** 签章: each decision's signature on the case, verified against the case as it is now, and a 签章失败 still open. Audited like every look at a case. */
export function readCaseSignatures(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
): Promise<{ signatures: CaseSignatureView[]; signingFailure: SigningFailure | null }> {
  return readCaseAudited(ctx, actor, caseId, 'signatures', async (kase) => {
    const signatures = await verifyCaseSignatures(ctx, kase);
    return {
      result: { signatures, signingFailure: await signingFailure(ctx, kase.id) },
      detail: { signatures: signatures.length, invalid: signatures.filter((s) => !s.verification.valid).length },
    };
  });
}
