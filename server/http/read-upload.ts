import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';

/**
 * A bare Error out of the multipart parser means a body it cannot read (no boundary, no closing
 * boundary, a part cut short); @fastify/multipart's own errors carry an FST_ code that
 * error-handler.ts maps.
 */
function asUploadError(error: unknown): unknown {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return error;
  return new AppError('UPLOAD_MALFORMED', { reason: 'BODY_UNREADABLE' });
}

/**
 * Reads a multipart upload while it streams: exactly one `file` part, the named text fields and the
 * named optional further files (`optionalFiles`, each at most `maxBytes` too), each at most once,
 * fields validated by their schema; any other part is refused, not ignored.
 */
export async function readUpload<F extends Record<string, z.ZodType<string | undefined>>>(
  req: FastifyRequest,
  maxBytes: number,
  fields: F,
  optionalFiles: readonly string[] = [],
): Promise<{ bytes: Buffer; fields: { [K in keyof F]: z.infer<F[K]> }; files: Record<string, Buffer> }> {
  const names = Object.keys(fields);
  const values: Record<string, string> = {};
  const files: Record<string, Buffer> = {};
  let bytes: Buffer | undefined;
  try {
    const limits = {
      fileSize: maxBytes,
      files: 1 + optionalFiles.length,
      fields: names.length,
      parts: names.length + 1 + optionalFiles.length,
      fieldNameSize: 64,
      fieldSize: 1024,
      headerPairs: 20,
    };
    for await (const part of req.parts({ limits })) {
      if (part.type === 'file' && part.fieldname === 'file' && !bytes) {
        bytes = await part.toBuffer();
      } else if (part.type === 'file' && optionalFiles.includes(part.fieldname) && !(part.fieldname in files)) {
        files[part.fieldname] = await part.toBuffer();
      } else if (part.type === 'field' && names.includes(part.fieldname) && !(part.fieldname in values)) {
        if (part.valueTruncated || typeof part.value !== 'string') throw new AppError('VALIDATION_FAILED', { field: part.fieldname });
        values[part.fieldname] = part.value;
      } else {
        throw new AppError('UPLOAD_MALFORMED', { reason: 'UNEXPECTED_PART' });
      }
    }
  } catch (error) {
    throw asUploadError(error);
  }
  if (!bytes) throw new AppError('UPLOAD_MISSING_FILE');
  const parsed: Record<string, unknown> = {};
  for (const name of names) {
    const result = fields[name]!.safeParse(values[name]);
    if (!result.success) throw new AppError('VALIDATION_FAILED', { field: name });
    parsed[name] = result.data;
  }
  return { bytes, fields: parsed as { [K in keyof F]: z.infer<F[K]> }, files };
}

/** An upload route documents its multipart body but reads it itself, while it streams: only params go through zod. */
export function paramsOnlyValidator<S>(route: Parameters<FastifySchemaCompiler<S>>[0]) {
  if (route.httpPart === 'body') return (data: unknown) => ({ value: data });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}
