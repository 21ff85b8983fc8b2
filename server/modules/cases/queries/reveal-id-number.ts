import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../errors.ts';
import type { Actor } from '../../org/actor.ts';
import { parseStoredFields } from '../case-fields.ts';
import { readCaseAudited } from './read-case.ts';

/** Shows a full citizen ID number; the stated reason is written into the trail. */
export function revealIdNumber(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  field: string,
  reason: string,
): Promise<{ field: string; idNumber: string }> {
  return readCaseAudited(ctx, actor, caseId, 'reveal_id', async (kase, ref) => {
    let idNumber = kase.applicant_id_number;
    if (field !== 'applicant') {
      const spec = ref.subtype.fields.find((f) => f.key === field && f.type === 'idNumber');
      const value = spec ? parseStoredFields(kase.fields)[field] : undefined;
      if (typeof value !== 'string') throw new AppError('NOT_FOUND', { field });
      idNumber = value;
    }
    return { result: { field, idNumber }, detail: { field }, reason };
  });
}
