import {
  blindIndexKeyId,
  isProtectedValue,
  type KeyRing,
  ProtectedValueError,
  type ProtectedValueProblem,
  protectedValueKeyId,
} from './id-protection.ts';

/**
 * How a case row's personal data is stored: the applicant's ID number and the whole `fields` JSON
 * (parents' and deceased persons' ID numbers, names, addresses) are each one protected value, bound
 * to their case and column; only the applicant's number gets a blind index, for exact search.
 * These are the few calls the case repository makes on its way in and out of the database.
 */

export type ProtectedColumn = 'applicant_id_number' | 'fields';

/** Authenticated with each value, so a value moved to another case or column no longer opens. */
export function caseValueContext(caseId: string, column: ProtectedColumn): string {
  return `cases.${column}/${caseId}`;
}

export interface CaseSecrets {
  id: string;
  applicant_id_number: string;
  fields: string;
}

export interface ProtectedCaseValues {
  applicant_id_number: string;
  fields: string;
  applicant_id_index: string;
}

/** For an insert: the row with its ID number and fields encrypted and the blind index added. */
export function protectCaseRow<T extends CaseSecrets>(ring: KeyRing, row: T): T & ProtectedCaseValues {
  return {
    ...row,
    applicant_id_number: ring.protect(row.applicant_id_number, caseValueContext(row.id, 'applicant_id_number')),
    fields: ring.protect(row.fields, caseValueContext(row.id, 'fields')),
    applicant_id_index: ring.blindIndex(row.applicant_id_number),
  };
}

/** For an update: protects whichever of the two columns the change sets (and the index with the number). */
export function protectCaseChanges<T extends object>(ring: KeyRing, caseId: string, changes: T): T & Partial<ProtectedCaseValues> {
  const secrets = changes as Partial<CaseSecrets>;
  const out: T & Partial<ProtectedCaseValues> = { ...changes };
  if (secrets.applicant_id_number !== undefined) {
    out.applicant_id_number = ring.protect(secrets.applicant_id_number, caseValueContext(caseId, 'applicant_id_number'));
    out.applicant_id_index = ring.blindIndex(secrets.applicant_id_number);
  }
  if (secrets.fields !== undefined) out.fields = ring.protect(secrets.fields, caseValueContext(caseId, 'fields'));
  return out;
}

/** For a read: the row with both values decrypted; throws ProtectedValueError on a bad value. */
export function openCaseRow<T extends CaseSecrets>(ring: KeyRing, row: T): T {
  return {
    ...row,
    applicant_id_number: ring.open(row.applicant_id_number, caseValueContext(row.id, 'applicant_id_number')),
    fields: ring.open(row.fields, caseValueContext(row.id, 'fields')),
  };
}

/** For a list that shows only the (masked) applicant number: opens that value alone. */
export function openCaseIdNumber(ring: KeyRing, row: Pick<CaseSecrets, 'id' | 'applicant_id_number'>): string {
  return ring.open(row.applicant_id_number, caseValueContext(row.id, 'applicant_id_number'));
}

/** For a search by ID number: `applicant_id_index IN (these)`. */
export function applicantIdIndexCandidates(ring: KeyRing, idNumber: string): string[] {
  return ring.blindIndexCandidates(idNumber);
}

export interface StoredCaseSecrets extends CaseSecrets {
  applicant_id_index: string | null;
}

/**
 * What a rewrite does to one row: 'plain' protects values still in plain text and fills a missing
 * index (the one-time conversion after migration 0005); 'current' also moves values and index to
 * the current keys (rotation).
 */
export type RewriteMode = 'plain' | 'current';

export type RowRewrite =
  | { kind: 'unchanged' }
  | { kind: 'update'; values: ProtectedCaseValues; protectedPlain: number; reencrypted: number; reindexed: boolean }
  | { kind: 'problem'; column: ProtectedColumn | 'applicant_id_index'; reason: ProtectedValueProblem };

// What the application itself ever wrote in plain text: accept-case stores the normalised
// number and JSON.stringify of an object. Anything else that is not in the protected format (a
// value from a newer format version, or an altered one) is reported, never encrypted as if plain.
const PLAIN_ID_NUMBER = /^\d{17}[\dX]$/;

function isPlainFields(value: string): boolean {
  if (!value.startsWith('{')) return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

class RowProblem extends Error {
  constructor(
    readonly column: ProtectedColumn | 'applicant_id_index',
    readonly reason: ProtectedValueProblem,
  ) {
    super(reason);
  }
}

function rewriteValue(
  ring: KeyRing,
  row: CaseSecrets,
  column: ProtectedColumn,
  mode: RewriteMode,
): { plain: string; stored: string; change: 'none' | 'protected' | 'reencrypted' } {
  const stored = row[column];
  const context = caseValueContext(row.id, column);
  if (!isProtectedValue(stored)) {
    const looksPlain = column === 'applicant_id_number' ? PLAIN_ID_NUMBER.test(stored) : isPlainFields(stored);
    if (!looksPlain) throw new RowProblem(column, 'format');
    return { plain: stored, stored: ring.protect(stored, context), change: 'protected' };
  }
  let plain: string;
  try {
    plain = ring.open(stored, context);
  } catch (error) {
    if (error instanceof ProtectedValueError) throw new RowProblem(column, error.reason);
    throw error;
  }
  if (mode === 'current' && protectedValueKeyId(stored) !== ring.currentKeyId) {
    return { plain, stored: ring.protect(plain, context), change: 'reencrypted' };
  }
  return { plain, stored, change: 'none' };
}

/**
 * Decides one row of a conversion or rotation. Every value that is kept is still opened, so a
 * rotation never declares done a row whose data it could not read.
 */
export function planRowRewrite(ring: KeyRing, row: StoredCaseSecrets, mode: RewriteMode): RowRewrite {
  try {
    const idNumber = rewriteValue(ring, row, 'applicant_id_number', mode);
    const fields = rewriteValue(ring, row, 'fields', mode);
    const indexKey = row.applicant_id_index === null ? undefined : blindIndexKeyId(row.applicant_id_index);
    const reindex = row.applicant_id_index === null || (mode === 'current' && indexKey !== ring.currentIndexKeyId);
    const changes = [idNumber, fields].filter((v) => v.change !== 'none');
    if (changes.length === 0 && !reindex) return { kind: 'unchanged' };
    return {
      kind: 'update',
      values: {
        applicant_id_number: idNumber.stored,
        fields: fields.stored,
        applicant_id_index: reindex ? ring.blindIndex(idNumber.plain) : row.applicant_id_index!,
      },
      protectedPlain: changes.filter((v) => v.change === 'protected').length,
      reencrypted: changes.filter((v) => v.change === 'reencrypted').length,
      reindexed: reindex,
    };
  } catch (error) {
    if (error instanceof RowProblem) return { kind: 'problem', column: error.column, reason: error.reason };
    throw error;
  }
}
