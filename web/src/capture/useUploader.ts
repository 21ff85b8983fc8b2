import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/errors.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { caseKey } from './case-view.ts';
import { rotatedBytes } from './imaging.ts';
import { uploadPage } from './upload-page.ts';
import type { StagedStore } from './useStagedStore.ts';

/**
 * Uploads the staged pages of a material one after the other, in their order, so the server numbers
 * them as they were arranged. A failure stops the material there (a later page must not overtake
 * it); the retry starts again from that page with the same bytes and key.
 */
export function useUploader(caseId: string, store: StagedStore) {
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const running = useRef(new Set<string>());
  const [uploading, setUploading] = useState<ReadonlySet<string>>(new Set());

  const uploadMaterial = useCallback(
    async (material: string): Promise<boolean> => {
      if (running.current.has(material)) return false;
      running.current.add(material);
      setUploading(new Set(running.current));
      try {
        for (;;) {
          // Confirmed pages leave the stage, so the next page to send is always the first one left.
          const page = store.current()[material]?.[0];
          if (!page) return true;
          let sent = page.sent;
          try {
            sent ??= await rotatedBytes(page.image, page.type, page.rotation);
            store.dispatch({ type: 'sending', material, id: page.id, sent });
            const view = await uploadPage({
              caseId,
              materialCode: material,
              bytes: sent,
              type: page.type,
              idempotencyKey: page.key,
              onProgress: (progress) => store.dispatch({ type: 'progress', material, id: page.id, progress }),
            });
            queryClient.setQueryData(caseKey(caseId), view);
            store.dispatch({ type: 'uploaded', material, id: page.id });
          } catch (error) {
            store.dispatch({ type: 'failed', material, id: page.id, error: describe(error) });
            // The case moved on meanwhile (submitted, withdrawn): show it as it now is.
            if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
            return false;
          }
        }
      } finally {
        running.current.delete(material);
        setUploading(new Set(running.current));
        void queryClient.invalidateQueries({ queryKey: ['workbench'] });
      }
    },
    [caseId, store, queryClient, describe],
  );

  return { uploadMaterial, uploading };
}
