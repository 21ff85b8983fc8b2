import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../api/errors.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { caseKey } from './case-view.ts';
import { isDocumentType } from './file-kind.ts';
import { rotatedBytes } from './imaging.ts';
import { queued, type StagedPage } from './staged-pages.ts';
import { uploadPage } from './upload-page.ts';
import type { StagedStore } from './useStagedStore.ts';

export interface UploaderOptions {
  /** The 补录 reason to send with every file now, or undefined when the page is not in 补录 mode. */
  supplementReason: () => string | undefined;
}

/**
 * Uploads the staged pages of a material one after the other, in their order, so the server numbers
 * them as they were arranged. A failure stops the material there (a later page must not overtake
 * it); the retry starts again from that page with the same bytes and key. A retake goes on its own,
 * at once: it takes an existing page's place, so no order depends on it.
 */
export function useUploader(caseId: string, store: StagedStore, options: UploaderOptions) {
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const running = useRef(new Set<string>());
  const [uploading, setUploading] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  /** Sends one staged file; true when the server recorded it. */
  const send = useCallback(
    async (material: string, page: StagedPage): Promise<boolean> => {
      try {
        let sent = page.sent;
        sent ??= isDocumentType(page.type) ? page.image : await rotatedBytes(page.image, page.type, page.rotation);
        store.dispatch({ type: 'sending', material, id: page.id, sent });
        const view = await uploadPage({
          caseId,
          materialCode: material,
          bytes: sent,
          type: page.type,
          idempotencyKey: page.key,
          supplementReason: latest.current.supplementReason(),
          replacesImageId: page.replaces,
          onProgress: (progress) => store.dispatch({ type: 'progress', material, id: page.id, progress }),
        });
        queryClient.setQueryData(caseKey(caseId), view);
        store.dispatch({ type: 'uploaded', material, id: page.id });
        return true;
      } catch (error) {
        store.dispatch({ type: 'failed', material, id: page.id, error: describe(error) });
        // The case moved on meanwhile (submitted, withdrawn, past its capture limit): show it as it now is.
        // A refusal records nothing, so the retry may carry the same key, with a 补录 reason if now needed.
        if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
        return false;
      }
    },
    [caseId, store, queryClient, describe],
  );

  const run = useCallback(
    async (lane: string, work: () => Promise<boolean>): Promise<boolean> => {
      if (running.current.has(lane)) return false;
      running.current.add(lane);
      setUploading(new Set(running.current));
      try {
        return await work();
      } finally {
        running.current.delete(lane);
        setUploading(new Set(running.current));
        void queryClient.invalidateQueries({ queryKey: ['workbench'] });
      }
    },
    [queryClient],
  );

  const uploadMaterial = useCallback(
    (material: string): Promise<boolean> =>
      run(material, async () => {
        for (;;) {
          // Confirmed pages leave the stage, so the next page to send is always the first one left.
          const page = queued(store.current()[material])[0];
          if (!page) return true;
          if (!(await send(material, page))) return false;
        }
      }),
    [run, send, store],
  );

  const uploadReplacement = useCallback(
    (material: string, id: string): Promise<boolean> =>
      run(`replace:${id}`, async () => {
        const page = store.current()[material]?.find((p) => p.id === id);
        return page ? send(material, page) : false;
      }),
    [run, send, store],
  );

  return { uploadMaterial, uploadReplacement, uploading };
}
