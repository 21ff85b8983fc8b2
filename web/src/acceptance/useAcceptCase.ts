import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { normalizeCitizenId } from '../../../server/modules/population/citizen-id.ts';
import { api, newIdempotencyKey } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import type { AcceptanceDraft } from './acceptance-draft.ts';
import type { CatalogSubtype } from './catalog.ts';
import { fieldValuesFor } from './field-values.ts';

export type AcceptedCase = Awaited<ReturnType<typeof postAccept>>;

/** Where a refused accept sends the officer back to, with what to show beside which field. */
export interface AcceptRefusal {
  step: number;
  applicantIdProblem?: string;
  fieldProblems: Record<string, string>;
  /** Anything else the server said, shown on the act. */
  error?: unknown;
}

function postAccept(subtype: CatalogSubtype, draft: AcceptanceDraft, key: string) {
  const phone = draft.applicant.phone.trim();
  return unwrap(
    api.POST('/api/cases', {
      body: {
        subtypeCode: subtype.code,
        applicant: { name: draft.applicant.name.trim(), idNumber: normalizeCitizenId(draft.applicant.idNumber), ...(phone ? { phone } : {}) },
        fields: fieldValuesFor(subtype, draft.fields),
      },
      headers: { 'Idempotency-Key': key },
    }),
  );
}

function refusalOf(error: unknown): AcceptRefusal {
  if (error instanceof ApiError) {
    if (error.code === 'CASE_FIELDS_INVALID') {
      const fields = error.details.fields;
      return { step: 2, fieldProblems: typeof fields === 'object' && fields !== null ? (fields as Record<string, string>) : {} };
    }
    if (error.code === 'CITIZEN_ID_INVALID' && error.details.field === 'applicant.idNumber') {
      return { step: 1, applicantIdProblem: `citizen_id_${String(error.details.problem)}`, fieldProblems: {} };
    }
    if (error.code === 'SUBTYPE_UNKNOWN') return { step: 0, fieldProblems: {}, error };
  }
  return { step: 3, fieldProblems: {}, error };
}

/**
 * 受理. The idempotency key belongs to the draft's content (acceptance-draft.ts): the same content
 * sent again after a lost answer or a reload gets the case already created, never a second one.
 */
export function useAcceptCase(setAcceptKey: (key: string) => void) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const accept = async (
    subtype: CatalogSubtype,
    draft: AcceptanceDraft,
  ): Promise<{ ok: true; accepted: AcceptedCase } | { ok: false; refusal: AcceptRefusal }> => {
    const key = draft.acceptKey ?? newIdempotencyKey();
    if (!draft.acceptKey) setAcceptKey(key);
    setBusy(true);
    try {
      const accepted = await postAccept(subtype, draft, key);
      queryClient.setQueryData(['case', accepted.id], accepted);
      void queryClient.invalidateQueries({ queryKey: ['workbench'] });
      return { ok: true, accepted };
    } catch (error) {
      return { ok: false, refusal: refusalOf(error) };
    } finally {
      setBusy(false);
    }
  };
  return { accept, busy };
}
