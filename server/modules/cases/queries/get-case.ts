import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { permissionsFor } from '../allowed-acts.ts';
import { loadCasePages } from '../case-pages.ts';
import { listCaseActions } from '../cases.repo.ts';
import { type CaseView, presentCase } from '../present-case.ts';
import { readCaseAudited } from './read-case.ts';
import { openWarningsOfCase } from '../../supervision/queries/open-warnings-of-case.ts';

export function getCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  return readCaseAudited(ctx, actor, caseId, 'view', async (kase, ref) => {
    const [pages, log, openWarnings] = await Promise.all([
      loadCasePages(ctx.db.kysely, kase.id),
      listCaseActions(ctx.db.kysely, kase.id),
      openWarningsOfCase(ctx.db.kysely, kase.id),
    ]);
    return {
      result: { ...presentCase(kase, ref, pages, permissionsFor(actor, kase, ref, log, pages.images, ctx.now().toISOString())), openWarnings },
    };
  });
}
