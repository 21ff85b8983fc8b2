import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import { useIntentKey } from '../shared/intent-key.ts';
import { caseKey, type CaseView } from './case-view.ts';

export type PageActKind = 'order' | 'remove' | 'override';

/**
 * 整理 and 确认使用 on pages the server holds: a new order for a material, a page taken out with a
 * reason, a page kept despite its quality warnings with a reason. One act at a time, each with the
 * key of its intent; the answer is the case as it now is. A refusal is thrown to the caller, which
 * shows it where the officer acted.
 */
export function usePageActs(caseId: string) {
  const queryClient = useQueryClient();
  const intent = useIntentKey();
  const [busy, setBusy] = useState<PageActKind | null>(null);

  const act = useCallback(
    async (kind: PageActKind, intentName: string, call: (key: string) => Promise<CaseView>): Promise<CaseView> => {
      setBusy(kind);
      try {
        const view = await call(intent.keyFor(intentName));
        intent.done();
        queryClient.setQueryData(caseKey(caseId), view);
        return view;
      } catch (error) {
        // Someone else changed the pages first: the next try is a new intent on the case as it is now.
        if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
          intent.done();
          void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
        }
        throw error;
      } finally {
        setBusy(null);
      }
    },
    [caseId, intent, queryClient],
  );

  const reorder = useCallback(
    (materialCode: string, imageIds: string[]) =>
      act('order', `order:${materialCode}:${imageIds.join(',')}`, (key) =>
        unwrap(
          api.POST('/api/cases/{id}/page-order', {
            params: { path: { id: caseId } },
            body: { materialCode, imageIds },
            headers: { 'Idempotency-Key': key },
          }),
        ),
      ),
    [act, caseId],
  );

  const remove = useCallback(
    (imageId: string, reason: string) =>
      act('remove', `remove:${imageId}:${reason}`, (key) =>
        unwrap(
          api.POST('/api/cases/{id}/images/{imageId}/remove', {
            params: { path: { id: caseId, imageId } },
            body: { reason },
            headers: { 'Idempotency-Key': key },
          }),
        ),
      ),
    [act, caseId],
  );

  const override = useCallback(
    (imageId: string, reason: string) =>
      act('override', `override:${imageId}:${reason}`, (key) =>
        unwrap(
          api.POST('/api/cases/{id}/images/{imageId}/quality-override', {
            params: { path: { id: caseId, imageId } },
            body: { reason },
            headers: { 'Idempotency-Key': key },
          }),
        ),
      ),
    [act, caseId],
  );

  return { reorder, remove, override, busy };
}
