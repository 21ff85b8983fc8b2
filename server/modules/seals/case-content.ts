import { sm3, toHex, utf8 } from '../../crypto/index.ts';
import type { Tx } from '../../db/transaction.ts';
import type { Db } from '../../db/database.ts';
import type { CaseWithUnit } from '../cases/cases.repo.ts';
import { listActionsUpTo, listCaseSignatures, listPagesAsOf, listPortraitsAsOf } from './seals.repo.ts';

/**
 * What a decision signs: the case as decided (docs/SEALS.md, "What a decision signs"). Its data and
 * catalog version, the SM3 of every page and portrait in place at the decision, the action log up to
 * and including the decision, and the digests of the signatures before it. Serialised as canonical
 * JSON (keys sorted, no spaces), whose SM3 is the signature's dataHash.
 */
export interface SignedCaseContent {
  format: 'hukou-case-decision/1';
  case: {
    id: string;
    caseNo: string;
    unitId: string;
    catalogVersion: string;
    subtypeCode: string;
    acceptedAt: string;
    acceptedBy: string;
  };
  applicant: { name: string; idNumber: string; phone: string | null };
  fields: unknown;
  pages: { id: string; material: string; pageNo: number; sourcePage: number; capturedAt: string; sm3: string; supplement: boolean }[];
  portraits: { id: string; capturedAt: string; sm3: string }[];
  actions: { seq: number; action: string; actorId: string; unitId: string; at: string; comment: string | null }[];
  signaturesBefore: { seq: number; dataHash: string }[];
}

export const CONTENT_FORMAT = 'hukou-case-decision/1';

/** A decision's own action, when its content is built before the action row is written. */
export type PendingAction = SignedCaseContent['actions'][number];

/** JSON with object keys sorted at every depth: one text for one content, whatever built it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const contentDigest = (content: SignedCaseContent): Uint8Array => sm3(utf8(canonicalJson(content)));

/** Builds the content of the decision at `seq`, made at `at`, from the rows as they are now. */
export async function caseContentAt(
  db: Tx | Db['kysely'],
  kase: CaseWithUnit,
  seq: number,
  at: string,
  pending?: PendingAction,
): Promise<SignedCaseContent> {
  const [pages, portraits, actions, signatures] = await Promise.all([
    listPagesAsOf(db, kase.id, at),
    listPortraitsAsOf(db, kase.id, at),
    listActionsUpTo(db, kase.id, seq),
    listCaseSignatures(db, kase.id),
  ]);
  return {
    format: CONTENT_FORMAT,
    case: {
      id: kase.id,
      caseNo: kase.case_no,
      unitId: kase.unit_id,
      catalogVersion: kase.catalog_version,
      subtypeCode: kase.subtype_code,
      acceptedAt: kase.accepted_at,
      acceptedBy: kase.accepted_by,
    },
    applicant: { name: kase.applicant_name, idNumber: kase.applicant_id_number, phone: kase.applicant_phone },
    fields: JSON.parse(kase.fields) as unknown,
    pages: pages.map((p) => ({
      id: p.id,
      material: p.material_code,
      pageNo: p.page_no,
      sourcePage: p.source_page,
      capturedAt: p.captured_at,
      sm3: p.sm3,
      supplement: p.supplement_reason !== null,
    })),
    portraits: portraits.map((p) => ({ id: p.id, capturedAt: p.captured_at, sm3: p.sm3 })),
    actions: [
      ...actions.map((a) => ({ seq: a.seq, action: a.action, actorId: a.actor_id, unitId: a.actor_unit_id, at: a.at, comment: a.comment })),
      ...(pending ? [pending] : []),
    ],
    signaturesBefore: signatures.filter((s) => s.action_seq < seq).map((s) => ({ seq: s.action_seq, dataHash: s.data_hash })),
  };
}

export const hexDigest = (content: SignedCaseContent): string => toHex(contentDigest(content));
