/** The server's error answer (server/http/error-schema.ts): a stable code and a message in the reader's language. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: unknown } | null)?.error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * The data of an answer, or an ApiError carrying the server's own message. A network failure or an
 * answer that is not ours (a proxy's page) becomes NETWORK_ERROR, so the page never shows a stack trace.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  if (result.response.ok) return result.data as T;
  if (isErrorBody(result.error)) {
    const { code, message, details } = result.error.error;
    throw new ApiError(result.response.status, code, message, details ?? {});
  }
  throw new ApiError(result.response.status, 'NETWORK_ERROR', '');
}
