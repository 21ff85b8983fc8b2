import { newIdempotencyKey } from '../api/client.ts';
import { type DocumentType, isDocumentType, type UploadType } from './file-kind.ts';
import type { PageImage, Rotation } from './imaging-ops.ts';

/**
 * A page captured or chosen, or a scanner's PDF or TIFF of several pages, not yet confirmed by the
 * server. Its idempotency key is fixed when it is staged; the bytes are fixed at its first upload
 * attempt (`sent`), so every retry sends the same file and the server records it once, however many
 * answers are lost.
 */
export interface StagedPage {
  id: string;
  image: Blob;
  type: UploadType;
  /** A picture of the page; none for a PDF or TIFF, whose pages the server shows once it has them. */
  thumbUrl: string | null;
  /** The file's own name, for a PDF or TIFF. */
  name?: string;
  width: number;
  height: number;
  rotation: Rotation;
  key: string;
  sent?: Blob;
  state: 'staged' | 'uploading' | 'failed';
  progress: number;
  error?: string;
  /** 重拍 of a page the server holds: this file takes that page's place, sent as soon as it is taken. */
  replaces?: string;
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

export function stagedPage(image: PageImage, replaces?: string): StagedPage {
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
    ...(replaces ? { replaces } : {}),
  };
}

/** A PDF or TIFF kept as it is: the browser does not draw it, the server reads every page of it. */
export function stagedDocument(file: Blob, type: DocumentType, name: string, replaces?: string): StagedPage {
  return {
    id: crypto.randomUUID(),
    image: file,
    type,
    thumbUrl: null,
    name,
    width: 0,
    height: 0,
    rotation: 0,
    key: newIdempotencyKey(),
    state: 'staged',
    progress: 0,
    ...(replaces ? { replaces } : {}),
  };
}

/** Whether the officer may still change the page: not once its bytes went to the server. */
export function isEditable(page: StagedPage): boolean {
  return page.sent === undefined;
}

/** Only a picture can be turned here; a PDF or TIFF goes as the scanner wrote it. */
export function isRotatable(page: StagedPage): boolean {
  return isEditable(page) && !isDocumentType(page.type);
}

/** Pages that join the material's pages in order (a retake takes an existing page's place instead). */
export function queued(pages: readonly StagedPage[] | undefined): StagedPage[] {
  return (pages ?? []).filter((page) => !page.replaces);
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
      return update(pages, action.id, (page) => (isRotatable(page) ? { ...page, rotation: ((page.rotation + 90) % 360) as Rotation } : page));
    case 'move': {
      // `to` is a place among the queued pages; retakes waiting to be sent keep their own places.
      const order = queued(pages);
      const from = order.findIndex((page) => page.id === action.id);
      const to = Math.max(0, Math.min(order.length - 1, action.to));
      if (from < 0 || from === to) return pages;
      const [page] = order.splice(from, 1);
      if (page) order.splice(to, 0, page);
      return [...order, ...pages.filter((p) => p.replaces)];
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
