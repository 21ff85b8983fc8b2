import { reportSessionExpired, sessionHeaders } from '../api/client.ts';
import { ApiError, type ApiErrorBody } from '../api/errors.ts';
import type { CaseView } from './case-view.ts';
import { fileNameFor, type UploadType } from './file-kind.ts';

interface FileUpload {
  url: string;
  /** Text parts sent before the file: the server reads the parts in order as they stream in. */
  fields: Record<string, string | undefined>;
  bytes: Blob;
  type: UploadType;
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
 * One file, multipart, answered by the case as it now is (201). XMLHttpRequest rather than fetch,
 * because only it reports upload progress; the session cookie goes with it, the CSRF and language
 * headers are added here as the typed client adds them. The idempotency key is the file's own, so
 * a retry never records it twice.
 */
function postFile({ url, fields, bytes, type, idempotencyKey, onProgress }: FileUpload): Promise<CaseView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
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
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
    form.append('file', bytes, fileNameFor(type));
    xhr.send(form);
  });
}

export interface PageUpload {
  caseId: string;
  materialCode: string;
  bytes: Blob;
  type: UploadType;
  idempotencyKey: string;
  /** 补录: the reason, sent with every file once the capture limit has passed or the case was submitted. */
  supplementReason?: string;
  /** 重拍: the page this one-page file takes the place of. */
  replacesImageId?: string;
  onProgress: (fraction: number) => void;
}

/** One file (a page, or every page of a PDF or TIFF) to POST /api/cases/:id/images. */
export function uploadPage({ caseId, materialCode, supplementReason, replacesImageId, ...file }: PageUpload): Promise<CaseView> {
  return postFile({
    url: `/api/cases/${encodeURIComponent(caseId)}/images`,
    fields: { materialCode, supplementReason, replacesImageId },
    ...file,
  });
}

/** 现场照片 to POST /api/cases/:id/portrait. */
export function uploadPortrait(
  caseId: string,
  bytes: Blob,
  type: UploadType,
  idempotencyKey: string,
  onProgress: (fraction: number) => void,
): Promise<CaseView> {
  return postFile({ url: `/api/cases/${encodeURIComponent(caseId)}/portrait`, fields: {}, bytes, type, idempotencyKey, onProgress });
}
