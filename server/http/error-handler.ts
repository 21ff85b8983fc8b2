import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOG, type ErrorCode, isAppError } from '../errors.ts';

export type Locale = 'zh-CN' | 'en';

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}

export function errorBody(code: ErrorCode, locale: Locale, details?: Record<string, unknown>) {
  const entry = ERROR_CATALOG[code];
  return { error: { code, message: locale === 'en' ? entry.en : entry.zh, details: details ?? {} } };
}

/** Maps framework errors onto our codes, so clients only ever see codes from the catalog. */
function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError('VALIDATION_FAILED', { issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })) });
  }
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('UPLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UPLOAD_TYPE_REJECTED');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', { reason: error.message });
    default:
      if (error.statusCode && error.statusCode < 500) return new AppError('VALIDATION_FAILED', { reason: error.message });
      return new AppError('INTERNAL');
  }
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.status(appError.status).send(errorBody(appError.code, localeOf(request), appError.details));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(errorBody('NOT_FOUND', localeOf(request), { route: `${request.method} ${request.url}` }));
}
