import { reportSessionExpired, sessionHeaders } from '../api/client.ts';
import { ApiError, type ApiErrorBody } from '../api/errors.ts';
import type { CaseView } from './case-view.ts';
import type { PageType } from './imaging-ops.ts';

export interface PageUpload {
  caseId: string;
  materialCode: string;
  bytes: Blob;
  type: PageType;
  idempotencyKey: string;
  onProgress: (fraction: number) => void;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as ApiErrorBody;
    return new ApiError(xhr.status, body.error.code, body.error.message, body.error.details ?? {});
  } catch {
    return new ApiError(xhr.status, 'NETWORK_ERROR', '');
  }
}

/**
 * One page to POST /api/cases/:id/images. XMLHttpRequest rather than fetch, because only it reports
 * upload progress; the session cookie goes with it, the CSRF and language headers are added here as
 * the typed client adds them. The idempotency key is the page's own, so a retry never adds a page twice.
 */
export function uploadPage({ caseId, materialCode, bytes, type, idempotencyKey, onProgress }: PageUpload): Promise<CaseView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cases/${encodeURIComponent(caseId)}/images`);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(sessionHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText) as CaseView);
        } catch {
          reject(new ApiError(xhr.status, 'NETWORK_ERROR', ''));
        }
        return;
      }
      if (xhr.status === 401) reportSessionExpired();
      reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', ''));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = xhr.onerror;
    const form = new FormData();
    // The material first: the server reads the parts in order as they stream in.
    form.append('materialCode', materialCode);
    form.append('file', bytes, type === 'image/png' ? 'page.png' : 'page.jpg');
    xhr.send(form);
  });
}
