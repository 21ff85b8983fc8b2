import { z } from 'zod';

/**
 * Text a person or a client sends. Refused: C0/C1 control characters (NUL breaks PostgreSQL text,
 * the others hide content from the person reading it later), unpaired UTF-16 surrogates (not
 * representable in UTF-8 storage), and anything longer than the field's bound, so every string
 * we echo or store has a size. Line breaks and tabs are allowed only where `multiline` says so.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f]/;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextOptions {
  min?: number;
  max: number;
  multiline?: boolean;
  trim?: boolean;
}

export function text(options: TextOptions) {
  const forbidden = options.multiline ? CONTROL : CONTROL_OR_BREAK;
  const base = options.trim === false ? z.string() : z.string().trim();
  return base
    .min(options.min ?? 0)
    .max(options.max)
    .refine((value) => !forbidden.test(value), { message: 'control characters are not allowed' })
    .refine((value) => !UNPAIRED_SURROGATE.test(value), { message: 'malformed Unicode (unpaired surrogate)' });
}

/** A calendar day, YYYY-MM-DD, that exists (no month 13, no 30 February). */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    },
    { message: 'not a real calendar day' },
  );
