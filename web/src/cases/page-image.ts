import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { reportSessionExpired, sessionHeaders } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';

/**
 * The bytes of one captured page. The server answers pages with `no-store` (personal data), so the
 * browser would download a page again for its thumbnail and again each time it is shown: the bytes
 * are fetched once per visit here and shared by the thumbnail and the viewer.
 */
async function fetchPage(caseId: string, imageId: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/api/cases/${caseId}/images/${imageId}/content`, { credentials: 'same-origin', headers: sessionHeaders() });
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

export function usePageBlob(caseId: string, imageId: string) {
  return useQuery({
    queryKey: ['case-page', caseId, imageId],
    queryFn: () => fetchPage(caseId, imageId),
    // A captured page never changes (content-addressed); keep it while the case is open.
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
}

/** An object URL for a blob, revoked when the component lets go of it. */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
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
