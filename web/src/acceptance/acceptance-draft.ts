import { useCallback, useEffect, useRef, useState } from 'react';

export type FieldValue = string | number;

/** What the officer has filled in so far; nothing else of the page is kept. */
export interface AcceptanceDraft {
  step: number;
  subtypeCode?: string;
  applicant: { name: string; idNumber: string; phone: string };
  fields: Record<string, FieldValue>;
  /**
   * The idempotency key of an accept already sent for exactly this content: after a lost answer (or
   * a reload) the retry reuses it and the server answers the case it already created. Any edit
   * clears it, since the same key with a different request is refused.
   */
  acceptKey?: string;
}

export const EMPTY_DRAFT: AcceptanceDraft = { step: 0, applicant: { name: '', idNumber: '', phone: '' }, fields: {} };

/**
 * The draft lives in sessionStorage, under a key per user: it survives a reload and a re-sign-in in
 * the same tab, dies with the tab, and is removed once the case is accepted. It holds the full ID
 * numbers typed, which is why it never goes to localStorage.
 */
const storageKey = (userId: string) => `hukou.acceptance.draft.${userId}`;

function isDraft(value: unknown): value is AcceptanceDraft {
  const draft = value as Partial<AcceptanceDraft> | null;
  return (
    typeof draft === 'object' &&
    draft !== null &&
    typeof draft.step === 'number' &&
    typeof draft.applicant === 'object' &&
    draft.applicant !== null &&
    typeof draft.fields === 'object' &&
    draft.fields !== null
  );
}

function load(userId: string): AcceptanceDraft | null {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey(userId)) ?? 'null');
    return isDraft(parsed) ? { ...EMPTY_DRAFT, ...parsed, applicant: { ...EMPTY_DRAFT.applicant, ...parsed.applicant } } : null;
  } catch {
    return null;
  }
}

function isEmpty(draft: AcceptanceDraft): boolean {
  const { name, idNumber, phone } = draft.applicant;
  return !draft.subtypeCode && !name && !idNumber && !phone && Object.keys(draft.fields).length === 0;
}

export interface DraftState {
  draft: AcceptanceDraft;
  /** Whether the page opened on a draft left from before (a reload, a return to the page). */
  restored: boolean;
  /** A change to what was typed: forgets the accept key. */
  edit: (change: (draft: AcceptanceDraft) => AcceptanceDraft) => void;
  setStep: (step: number) => void;
  setAcceptKey: (key: string) => void;
  clear: () => void;
}

export function useAcceptanceDraft(userId: string): DraftState {
  const initial = useRef<AcceptanceDraft | null>(null);
  initial.current ??= load(userId);
  const [restored] = useState(() => initial.current !== null && !isEmpty(initial.current));
  const [draft, setDraft] = useState<AcceptanceDraft>(() => initial.current ?? EMPTY_DRAFT);

  useEffect(() => {
    if (isEmpty(draft) && draft.step === 0) sessionStorage.removeItem(storageKey(userId));
    else sessionStorage.setItem(storageKey(userId), JSON.stringify(draft));
  }, [draft, userId]);

  const edit = useCallback((change: (draft: AcceptanceDraft) => AcceptanceDraft) => {
    setDraft((current) => {
      const { acceptKey: _forgotten, ...rest } = change(current);
      return rest;
    });
  }, []);
  const setStep = useCallback((step: number) => setDraft((current) => ({ ...current, step })), []);
  const setAcceptKey = useCallback((acceptKey: string) => setDraft((current) => ({ ...current, acceptKey })), []);
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey(userId));
    setDraft(EMPTY_DRAFT);
  }, [userId]);

  return { draft, restored, edit, setStep, setAcceptKey, clear };
}

/** Removes a user's draft (after acceptance, before leaving the page). */
export function discardDraft(userId: string): void {
  sessionStorage.removeItem(storageKey(userId));
}
