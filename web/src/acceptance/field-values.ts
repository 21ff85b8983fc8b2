import { checkCaseFields } from '../../../server/modules/cases/case-fields.ts';
import type { FieldValue } from './acceptance-draft.ts';
import type { CatalogSubtype } from './catalog.ts';

/**
 * The values of this sub-type's fields only: a draft keeps what was typed for another sub-type (the
 * officer may switch back), but the server refuses keys the sub-type does not have.
 */
export function fieldValuesFor(subtype: CatalogSubtype, fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of subtype.fields) {
    const value = fields[field.key];
    if (value !== undefined && value !== '') values[field.key] = value;
  }
  return values;
}

/** The server's own field rules (case-fields.ts), run in the browser: problems by field key. */
export function fieldProblems(subtype: CatalogSubtype, fields: Record<string, FieldValue>, today = new Date()): Record<string, string> {
  return checkCaseFields(subtype, fieldValuesFor(subtype, fields), today).problems;
}
