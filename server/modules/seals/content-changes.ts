import { canonicalJson, type SignedCaseContent } from './case-content.ts';

/** One difference between what a decision signed and the case as it is now. */
export interface ContentChange {
  part: 'case' | 'applicant' | 'fields' | 'page' | 'portrait' | 'action' | 'signature';
  /** Which item: a field name, a page id, an action's sequence number. */
  item: string;
  change: 'changed' | 'missing' | 'added';
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function compareRecords(part: ContentChange['part'], signed: Record<string, unknown>, now: Record<string, unknown>): ContentChange[] {
  const keys = [...new Set([...Object.keys(signed), ...Object.keys(now)])].sort();
  return keys.flatMap((key): ContentChange[] => {
    if (!(key in now)) return [{ part, item: key, change: 'missing' }];
    if (!(key in signed)) return [{ part, item: key, change: 'added' }];
    return same(signed[key], now[key]) ? [] : [{ part, item: key, change: 'changed' }];
  });
}

function compareLists<T>(part: ContentChange['part'], signed: readonly T[], now: readonly T[], keyOf: (item: T) => string): ContentChange[] {
  const byKey = (list: readonly T[]) => new Map(list.map((item) => [keyOf(item), item]));
  const before = byKey(signed);
  const after = byKey(now);
  const changes: ContentChange[] = [];
  for (const [key, item] of before) {
    const current = after.get(key);
    if (current === undefined) changes.push({ part, item: key, change: 'missing' });
    else if (!same(item, current)) changes.push({ part, item: key, change: 'changed' });
  }
  for (const key of after.keys()) if (!before.has(key)) changes.push({ part, item: key, change: 'added' });
  return changes;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };

/** Names what differs, part by part; empty when the two contents are the same. */
export function contentChanges(signed: SignedCaseContent, now: SignedCaseContent): ContentChange[] {
  return [
    ...compareRecords('case', { format: signed.format, ...signed.case }, { format: now.format, ...now.case }),
    ...compareRecords('applicant', signed.applicant, now.applicant),
    ...compareRecords('fields', asRecord(signed.fields), asRecord(now.fields)),
    ...compareLists('page', signed.pages, now.pages, (p) => p.id),
    ...compareLists('portrait', signed.portraits, now.portraits, (p) => p.id),
    ...compareLists('action', signed.actions, now.actions, (a) => String(a.seq)),
    ...compareLists('signature', signed.signaturesBefore, now.signaturesBefore, (s) => String(s.seq)),
  ];
}
