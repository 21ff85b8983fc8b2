import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import type { CaseView } from '../present-case.ts';

/**
 * 核准: the officer confirms the paper originals match what was captured. Only a complete case can
 * be verified: the act runner checks the required materials first (required-materials.ts).
 */
export function verifyOriginals(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  body: { comment?: string },
  idempotencyKey: string,
): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'verify', idempotencyKey, body }, async (_tx, _kase, ref) => {
    const originals = ref.subtype.materials.filter((m) => m.verifyOriginal).map((m) => m.code);
    return { comment: body.comment ?? null, detail: { originalsVerified: originals } };
  });
}
