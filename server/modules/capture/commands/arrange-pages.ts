import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import { runCaseAct } from '../../cases/case-act.ts';
import { findCaseImage } from '../../cases/cases.repo.ts';
import type { CaseView } from '../../cases/present-case.ts';
import type { Actor } from '../../org/actor.ts';
import { listMaterialPages, markPageRemoved, setPageNumber } from '../capture.repo.ts';

export type ArrangePagesInput = { kind: 'reorder'; materialCode: string; imageIds: string[] } | { kind: 'remove'; imageId: string; reason: string };

/**
 * 整理: put a material's pages in a new order, or take a page out (captured under the wrong material,
 * say), while the station still holds the case. A removed page is kept with who and when: nothing
 * captured is ever deleted. The workflow re-opens verification, as any change to the pages does.
 */
export function arrangePages(ctx: AppContext, actor: Actor, caseId: string, input: ArrangePagesInput, idempotencyKey: string): Promise<CaseView> {
  return runCaseAct(ctx, actor, { caseId, act: 'arrange_pages', idempotencyKey, body: input }, async (tx, kase, _ref, at) => {
    if (input.kind === 'remove') {
      const page = await findCaseImage(tx, kase.id, input.imageId);
      if (!page || page.removed_at !== null) throw new AppError('IMAGE_NOT_FOUND');
      await markPageRemoved(tx, page.id, actor.userId, at, null);
      const rest = await listMaterialPages(tx, kase.id, page.material_code);
      for (const [i, other] of rest.entries()) if (other.page_no !== i + 1) await setPageNumber(tx, other.id, i + 1);
      return { comment: input.reason, detail: { kind: 'remove', imageId: page.id, materialCode: page.material_code, pageNo: page.page_no } };
    }
    const pages = await listMaterialPages(tx, kase.id, input.materialCode);
    const current = new Set(pages.map((p) => p.id));
    if (input.imageIds.length !== pages.length || new Set(input.imageIds).size !== pages.length || !input.imageIds.every((id) => current.has(id))) {
      throw new AppError('PAGE_ORDER_MISMATCH', { expected: pages.length });
    }
    for (const [i, id] of input.imageIds.entries()) {
      if (pages.find((p) => p.id === id)?.page_no !== i + 1) await setPageNumber(tx, id, i + 1);
    }
    return { detail: { kind: 'reorder', materialCode: input.materialCode, imageIds: input.imageIds } };
  });
}
