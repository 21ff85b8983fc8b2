import type { PageImage, PageType, Rotation } from './imaging-ops.ts';
import { newIdempotencyKey } from '../api/client.ts';

/**
 * A page captured or chosen but not yet confirmed by the server. Its idempotency key is fixed when it
 * is staged; the bytes are fixed at its first upload attempt (`sent`), so every retry sends the same
 * request and the server records the page once, however many answers are lost.
 */
export interface StagedPage {
  id: string;
  image: Blob;
  type: PageType;
  thumbUrl: string;
  width: number;
  height: number;
  rotation: Rotation;
  key: string;
  sent?: Blob;
  state: 'staged' | 'uploading' | 'failed';
  progress: number;
  error?: string;
}

export type StagedByMaterial = Readonly<Record<string, readonly StagedPage[]>>;

export type StagedAction =
  | { type: 'add'; material: string; page: StagedPage }
  | { type: 'replace'; material: string; id: string; page: StagedPage }
  | { type: 'remove'; material: string; id: string }
  | { type: 'rotate'; material: string; id: string }
  | { type: 'move'; material: string; id: string; to: number }
  | { type: 'sending'; material: string; id: string; sent: Blob }
  | { type: 'progress'; material: string; id: string; progress: number }
  | { type: 'failed'; material: string; id: string; error: string }
  | { type: 'uploaded'; material: string; id: string };

export function stagedPage(image: PageImage): StagedPage {
  return {
    id: crypto.randomUUID(),
    image: image.blob,
    type: image.type,
    thumbUrl: URL.createObjectURL(image.thumb),
    width: image.width,
    height: image.height,
    rotation: 0,
    key: newIdempotencyKey(),
    state: 'staged',
    progress: 0,
  };
}

/** Whether the officer may still change the page: not once its bytes went to the server. */
export function isEditable(page: StagedPage): boolean {
  return page.sent === undefined;
}

function update(pages: readonly StagedPage[], id: string, change: (page: StagedPage) => StagedPage): StagedPage[] {
  return pages.map((page) => (page.id === id ? change(page) : page));
}

function pagesAfter(pages: readonly StagedPage[], action: StagedAction): readonly StagedPage[] {
  switch (action.type) {
    case 'add':
      return [...pages, action.page];
    case 'replace':
      return pages.map((page) => (page.id === action.id && isEditable(page) ? action.page : page));
    case 'remove':
    case 'uploaded':
      return pages.filter((page) => page.id !== action.id);
    case 'rotate':
      return update(pages, action.id, (page) => (isEditable(page) ? { ...page, rotation: ((page.rotation + 90) % 360) as Rotation } : page));
    case 'move': {
      const from = pages.findIndex((page) => page.id === action.id);
      const to = Math.max(0, Math.min(pages.length - 1, action.to));
      if (from < 0 || from === to) return pages;
      const moved = [...pages];
      const [page] = moved.splice(from, 1);
      if (page) moved.splice(to, 0, page);
      return moved;
    }
    case 'sending':
      return update(pages, action.id, (page) => ({ ...page, sent: action.sent, state: 'uploading', progress: 0, error: undefined }));
    case 'progress':
      return update(pages, action.id, (page) => ({ ...page, progress: action.progress }));
    case 'failed':
      return update(pages, action.id, (page) => ({ ...page, state: 'failed', error: action.error }));
  }
}

export function stagedReducer(state: StagedByMaterial, action: StagedAction): StagedByMaterial {
  const before = state[action.material] ?? [];
  const after = pagesAfter(before, action);
  return after === before ? state : { ...state, [action.material]: after };
}

export function stagedCount(state: StagedByMaterial): number {
  return Object.values(state).reduce((sum, pages) => sum + pages.length, 0);
}
