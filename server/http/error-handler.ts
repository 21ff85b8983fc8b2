import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOG, type ErrorCode, isAppError } from '../errors.ts';
import { asStorageError } from '../db/transaction.ts';

export type Locale = 'zh-CN' | 'en';

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}

export function errorBody(code: ErrorCode, locale: Locale, details?: Record<string, unknown>) {
  const entry = ERROR_CATALOG[code];
  return { error: { code, message: locale === 'en' ? entry.en : entry.zh, details: details ?? {} } };
}

/** What we echo of a client's input (a path, a URL) is cut to this size: an answer never grows with the request. */
const ECHO_MAX = 200;
const bounded = (value: string) => (value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value);

/** How @fastify/multipart reports a body it cannot take apart (reason codes for `details.reason`). */
const MULTIPART_ERRORS: Record<string, string> = {
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_FIELDS_LIMIT: 'TOO_MANY_FIELDS',
  FST_PARTS_LIMIT: 'TOO_MANY_PARTS',
  FST_PROTO_VIOLATION: 'FORBIDDEN_PART_NAME',
  FST_INVALID_JSON_FIELD_ERROR: 'INVALID_JSON_FIELD',
  FST_MP_PREMATURE_CLOSE: 'BODY_INCOMPLETE',
};

/**
 * PostgreSQL refusals of a value a client sent (NUL or a character the encoding lacks, a string or
 * number too big for its column, an index entry too large). Schemas refuse these first; this keeps a
 * value that slips past a schema a 400 and not a 500.
 */
const PG_INPUT_REFUSED = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire (NUL in text)
  '22P02', // invalid_text_representation
  '22P05', // untranslatable_character
  '54000', // program_limit_exceeded (e.g. index row too large)
]);

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && PG_INPUT_REFUSED.has(code)) return code;
  }
  return undefined;
}

/** Maps framework errors onto our codes, so clients only ever see codes from the catalog. */
function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  // A read outside any act's transaction meets the same faults (database down, busy, disk full).
  const storageFault = asStorageError(error);
  if (isAppError(storageFault)) return storageFault;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError('VALIDATION_FAILED', {
      issues: error.validation.slice(0, 20).map((v) => ({ path: bounded(v.instancePath), message: bounded(v.message ?? '') })),
    });
  }
  const state = sqlState(error);
  if (state) return new AppError('VALIDATION_FAILED', { reason: 'VALUE_REFUSED_BY_DATABASE', sqlState: state });
  const multipartReason = MULTIPART_ERRORS[error.code];
  if (multipartReason) return new AppError('UPLOAD_MALFORMED', { reason: multipartReason });
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('UPLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', { reason: bounded(error.message) });
    case 'FST_ERR_BAD_URL':
      return new AppError('VALIDATION_FAILED', { reason: 'URL_NOT_DECODABLE' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('VALIDATION_FAILED', { reason: 'PATH_PARAMETER_TOO_LONG' });
    default:
      if (error.statusCode && error.statusCode < 500) return new AppError('VALIDATION_FAILED', { reason: bounded(error.message) });
      return new AppError('INTERNAL');
  }
}

/** The error handler, and also Fastify's `frameworkErrors` (bad URL encoding, over-long path parameter). */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.status(appError.status).send(errorBody(appError.code, localeOf(request), appError.details));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send(errorBody('NOT_FOUND', localeOf(request), { route: bounded(`${request.method} ${request.url}`) }));
}
