import { api } from '../api/client.ts';
import { unwrap } from '../api/errors.ts';
import type { CaseView, DecisionAct } from './case-data.ts';

/** What a person writes with an act: nothing, an optional note or opinion, or a required reason. */
export type ActInput = 'none' | 'comment' | 'opinion' | 'reason';

export interface ActSpec {
  input: ActInput;
  /** Alt+<letter>, by KeyboardEvent.code (keyboard.ts). Review and approve share Alt+A: a case only ever offers one of them. */
  chord: string;
  danger: boolean;
}

export const ACT_SPECS: Record<DecisionAct, ActSpec> = {
  verify: { input: 'none', chord: 'Alt+KeyV', danger: false },
  submit: { input: 'comment', chord: 'Alt+KeyS', danger: false },
  review: { input: 'opinion', chord: 'Alt+KeyA', danger: false },
  approve: { input: 'opinion', chord: 'Alt+KeyA', danger: false },
  complete: { input: 'none', chord: 'Alt+KeyC', danger: false },
  return: { input: 'reason', chord: 'Alt+KeyR', danger: true },
  withdraw: { input: 'reason', chord: 'Alt+KeyW', danger: true },
};

/** The forward act first, the acts that turn a case back after it. */
export const ACT_ORDER: readonly DecisionAct[] = ['verify', 'submit', 'review', 'approve', 'complete', 'return', 'withdraw'];

/** The server's bound on comments and reasons (cases.schema.ts CommentBody, ReasonBody). */
export const MAX_TEXT = 500;

export function isDecisionAct(act: string): act is DecisionAct {
  return act in ACT_SPECS;
}

/** Sends one act with the key of the person's intent; the answer is the case as it now is. */
export function postAct(act: DecisionAct, id: string, text: string, idempotencyKey: string): Promise<CaseView> {
  const init = { params: { path: { id } }, headers: { 'Idempotency-Key': idempotencyKey } };
  const comment = text.trim() ? { comment: text.trim() } : {};
  const reason = { reason: text.trim() };
  switch (act) {
    case 'verify':
      return unwrap(api.POST('/api/cases/{id}/verify', { ...init, body: comment }));
    case 'submit':
      return unwrap(api.POST('/api/cases/{id}/submit', { ...init, body: comment }));
    case 'review':
      return unwrap(api.POST('/api/cases/{id}/review', { ...init, body: comment }));
    case 'approve':
      return unwrap(api.POST('/api/cases/{id}/approve', { ...init, body: comment }));
    case 'complete':
      return unwrap(api.POST('/api/cases/{id}/complete', { ...init, body: comment }));
    case 'return':
      return unwrap(api.POST('/api/cases/{id}/return', { ...init, body: reason }));
    case 'withdraw':
      return unwrap(api.POST('/api/cases/{id}/withdraw', { ...init, body: reason }));
  }
}

/** Errors that mean someone else moved the case on first: reload it and say so, rather than show a bare refusal. */
export const CONFLICT_CODES: ReadonlySet<string> = new Set(['CASE_CONCURRENT_UPDATE', 'CASE_ACT_NOT_ALLOWED']);
export const DRIFT_CODE = 'CASE_STATE_DRIFT';
