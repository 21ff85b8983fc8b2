import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../org/actor.ts';
import { listCaseImages } from '../cases.repo.ts';
import { type CaseView, presentCase } from '../present-case.ts';
import { readCaseAudited } from './read-case.ts';

export function getCase(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseView> {
  return readCaseAudited(ctx, actor, caseId, 'view', async (kase, ref) => ({
    result: presentCase(kase, ref, await listCaseImages(ctx.db.kysely, kase.id)),
  }));
}
