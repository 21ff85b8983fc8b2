import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { reportSessionExpired, sessionHeaders } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';

/** What the viewer shows (a JPEG preview), what a strip shows (a small JPEG), or the file as captured. */
export type PageKind = 'preview' | 'thumbnail' | 'original';

export function pageUrl(caseId: string, imageId: string, kind: PageKind): string {
  return `/api/cases/${encodeURIComponent(caseId)}/images/${encodeURIComponent(imageId)}/content?kind=${kind}`;
}

export function reusedPageUrl(caseId: string, imageId: string, otherImageId: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/images/${encodeURIComponent(imageId)}/reuse/${encodeURIComponent(otherImageId)}`;
}

export function portraitUrl(caseId: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/portrait`;
}

/**
 * Image bytes from the API with the session; a refusal becomes an ApiError with the server's own
 * message. Every such request is a look the server records in the trail.
 */
export async function fetchImage(url: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: sessionHeaders() });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  if (response.status === 401) reportSessionExpired();
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? 'NETWORK_ERROR', body?.error?.message ?? '');
  }
  return response.blob();
}

/**
 * One captured page as the viewer or a strip shows it. The server answers derivatives privately
 * cacheable, but each request is an audited look: the bytes are fetched once per visit here and
 * shared by every component showing the same page.
 */
export function usePageBlob(caseId: string, imageId: string, kind: Exclude<PageKind, 'original'>) {
  return useQuery({
    queryKey: ['case-page', caseId, imageId, kind],
    queryFn: () => fetchImage(pageUrl(caseId, imageId, kind)),
    // A captured page never changes (content-addressed); keep it while the case is open.
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
}

/** An object URL for a blob, revoked when the component lets go of it. */
export function useObjectUrl(blob: Blob | undefined | null): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}
