import { useCallback, useEffect, useRef, useState } from 'react';
import { type StagedAction, type StagedByMaterial, stagedReducer } from './staged-pages.ts';

export interface StagedStore {
  pages: StagedByMaterial;
  /** The pages as they are this instant, for the upload loop that runs between renders. */
  current: () => StagedByMaterial;
  dispatch: (action: StagedAction) => void;
}

function thumbnails(state: StagedByMaterial): Set<string> {
  return new Set(Object.values(state).flatMap((pages) => pages.flatMap((page) => (page.thumbUrl ? [page.thumbUrl] : []))));
}

/**
 * The staged pages of the case, kept in memory only (they are originals of personal documents), with
 * their thumbnails released as pages leave the stage.
 */
export function useStagedStore(): StagedStore {
  const state = useRef<StagedByMaterial>({});
  const [pages, setPages] = useState<StagedByMaterial>(state.current);

  const dispatch = useCallback((action: StagedAction) => {
    const before = state.current;
    const after = stagedReducer(before, action);
    if (after === before) return;
    state.current = after;
    const kept = thumbnails(after);
    for (const url of thumbnails(before)) if (!kept.has(url)) URL.revokeObjectURL(url);
    setPages(after);
  }, []);

  useEffect(
    () => () => {
      for (const url of thumbnails(state.current)) URL.revokeObjectURL(url);
    },
    [],
  );

  const current = useCallback(() => state.current, []);
  return { pages, current, dispatch };
}
