import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { runCaseAct } from '../case-act.ts';
import { countMaterialPages } from '../cases.repo.ts';
import type { CaseView } from '../present-case.ts';

/** 核准: the officer confirms the paper originals match what was captured; only a complete case can be verified. */
export function verifyOriginals(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  body: { comment?: string },
  idempotencyKey: string,
): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'verify', idempotencyKey, body }, async (tx, kase, ref) => {
    const missing: { code: string; name: string; minPages: number; pagesCaptured: number }[] = [];
    for (const material of ref.subtype.materials.filter((m) => m.required)) {
      const pages = await countMaterialPages(tx, kase.id, material.code);
      if (pages < material.minPages) missing.push({ code: material.code, name: material.name, minPages: material.minPages, pagesCaptured: pages });
    }
    if (missing.length > 0) throw new AppError('CASE_MATERIALS_INCOMPLETE', { missing });
    const originals = ref.subtype.materials.filter((m) => m.verifyOriginal).map((m) => m.code);
    return { comment: body.comment ?? null, detail: { originalsVerified: originals } };
  });
}
