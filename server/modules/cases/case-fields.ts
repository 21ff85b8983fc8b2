import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { CatalogSubtype } from '../catalog/catalog.schema.ts';
import { checkCitizenId, normalizeCitizenId } from '../population/citizen-id.ts';
import { isDivisionCode } from '../population/divisions.ts';

const StoredFields = z.record(z.string(), z.union([z.string(), z.number()]));
export type CaseFieldValues = z.infer<typeof StoredFields>;

/** A case's stored field values (JSON text written by accept-case.ts). */
export function parseStoredFields(stored: string): CaseFieldValues {
  return StoredFields.parse(JSON.parse(stored));
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Checks the values a window enters against the sub-type's field list in the catalog; returns them
 * normalised. Every problem is reported at once so the officer fixes the form in one pass.
 */
export function validateCaseFields(subtype: CatalogSubtype, input: Record<string, unknown>, today: Date): CaseFieldValues {
  const { values, problems } = checkCaseFields(subtype, input, today);
  if (Object.keys(problems).length > 0) throw new AppError('CASE_FIELDS_INVALID', { fields: problems });
  return values;
}

/** A field's problem as the API reports it in CASE_FIELDS_INVALID details, e.g. 'required', 'citizen_id_checksum'. */
export type CaseFieldProblem = string;

/**
 * The rules themselves, without throwing: the acceptance page in the browser runs this same function
 * as the officer types, so the form and the server can never disagree.
 */
export function checkCaseFields(
  subtype: Pick<CatalogSubtype, 'fields'>,
  input: Record<string, unknown>,
  today: Date,
): { values: CaseFieldValues; problems: Record<string, CaseFieldProblem> } {
  const problems: Record<string, CaseFieldProblem> = {};
  const values: CaseFieldValues = {};
  const known = new Set(subtype.fields.map((f) => f.key));
  for (const key of Object.keys(input)) if (!known.has(key)) problems[key] = 'unknown';
  for (const field of subtype.fields) {
    const raw = input[field.key];
    if (raw === undefined || raw === null || raw === '') {
      if (field.required) problems[field.key] = 'required';
      continue;
    }
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
    if (text === null) {
      problems[field.key] = 'type';
      continue;
    }
    switch (field.type) {
      case 'text':
        if (text.length > (field.maxLength ?? 200)) problems[field.key] = 'too_long';
        else values[field.key] = text;
        break;
      case 'date':
        if (!isRealDate(text)) problems[field.key] = 'date';
        else values[field.key] = text;
        break;
      case 'idNumber': {
        const check = checkCitizenId(text, today);
        if (!check.ok) problems[field.key] = `citizen_id_${check.problem}`;
        else values[field.key] = normalizeCitizenId(text);
        break;
      }
      case 'divisionCode':
        if (!isDivisionCode(text)) problems[field.key] = 'division_code';
        else values[field.key] = text;
        break;
      case 'enum':
        if (!field.options?.some((o) => o.value === text)) problems[field.key] = 'option';
        else values[field.key] = text;
        break;
      case 'integer':
        if (!/^-?\d+$/.test(text)) problems[field.key] = 'integer';
        else values[field.key] = Number(text);
        break;
    }
  }
  return { values, problems };
}
