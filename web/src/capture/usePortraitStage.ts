import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '../api/client.ts';
import { useErrorMessage } from '../shared/ErrorAlert.tsx';
import { caseKey } from './case-view.ts';
import type { PageImage } from './imaging-ops.ts';
import type { StagedPortrait } from './PortraitPanel.tsx';
import { uploadPortrait } from './upload-page.ts';

/**
 * The portrait taken at the window until the server has it: one at a time, a new one replacing the
 * last, with its own idempotency key, so a retry after a lost answer records it once.
 */
export function usePortraitStage(caseId: string) {
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const current = useRef<StagedPortrait | null>(null);
  const [staged, setStaged] = useState<StagedPortrait | null>(null);

  const set = useCallback((next: StagedPortrait | null) => {
    const before = current.current;
    if (before && before.url !== next?.url) URL.revokeObjectURL(before.url);
    current.current = next;
    setStaged(next);
  }, []);

  useEffect(
    () => () => {
      if (current.current) URL.revokeObjectURL(current.current.url);
    },
    [],
  );

  const take = useCallback(
    (image: PageImage) => {
      if (current.current?.state === 'uploading') return;
      set({ blob: image.blob, url: URL.createObjectURL(image.blob), type: image.type, key: newIdempotencyKey(), state: 'staged', progress: 0 });
    },
    [set],
  );

  const discard = useCallback(() => {
    if (current.current?.state !== 'uploading') set(null);
  }, [set]);

  const upload = useCallback(async (): Promise<boolean> => {
    const portrait = current.current;
    if (!portrait || portrait.state === 'uploading') return false;
    set({ ...portrait, state: 'uploading', progress: 0, error: undefined });
    try {
      const view = await uploadPortrait(caseId, portrait.blob, portrait.type, portrait.key, (progress) => {
        if (current.current?.key === portrait.key) set({ ...current.current, progress });
      });
      queryClient.setQueryData(caseKey(caseId), view);
      set(null);
      return true;
    } catch (error) {
      set({ ...portrait, state: 'failed', progress: 0, error: describe(error) });
      return false;
    }
  }, [caseId, describe, queryClient, set]);

  return { staged, take, discard, upload };
}
