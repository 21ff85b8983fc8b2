import type { ApprovalLevel } from '../catalog/catalog.schema.ts';

export const CASE_STATUSES = ['accepted', 'verified', 'submitted', 'returned', 'approved', 'completed', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTS = [
  'accept',
  'capture',
  'verify',
  'submit',
  'review',
  'approve',
  'return',
  'complete',
  'withdraw',
  'supplement',
  'arrange_pages',
  'override_quality',
  'capture_portrait',
  'import_history',
] as const;
export type CaseAct = (typeof CASE_ACTS)[number];

export interface WorkflowState {
  status: CaseStatus;
  /** While submitted: index in the approval chain of the level that must act next. */
  chainStep: number;
}

export const STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  accepted: { zh: '已受理', en: 'Accepted' },
  verified: { zh: '已核准', en: 'Originals verified' },
  submitted: { zh: '审批中', en: 'Under approval' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已审批', en: 'Approved' },
  completed: { zh: '已办结', en: 'Completed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** While the station holds the case: it may still capture, arrange and check its pages. */
const AT_THE_STATION: readonly CaseStatus[] = ['accepted', 'verified', 'returned'];
/** Once submitted, and after: pages are only added as 补录, never replaced or removed. */
const PAST_SUBMISSION: readonly CaseStatus[] = ['submitted', 'approved', 'completed'];

/** Changing the pages re-opens verification: the officer must look at the originals again. */
function reopened(state: WorkflowState): WorkflowState {
  return { status: state.status === 'returned' ? 'returned' : 'accepted', chainStep: 0 };
}

/**
 * The one place that says which act may follow which. Returns the next state, or null when the act
 * is not allowed now. Capturing after verification re-opens verification: the officer must look at
 * the originals again before submitting what was added. 补录 (supplement) at the station does the
 * same; after submission it adds pages without moving the case. Whether a page must come as 补录
 * (the capture limit has passed) is the capture act's rule, not the status's.
 */
export function nextState(state: WorkflowState, act: CaseAct, chain: readonly ApprovalLevel[]): WorkflowState | null {
  const last = chain.length - 1;
  switch (act) {
    case 'accept':
    case 'import_history':
      return null;
    case 'capture':
    case 'arrange_pages':
    case 'capture_portrait':
      return AT_THE_STATION.includes(state.status) ? reopened(state) : null;
    case 'override_quality':
      return AT_THE_STATION.includes(state.status) ? state : null;
    case 'supplement':
      if (AT_THE_STATION.includes(state.status)) return reopened(state);
      return PAST_SUBMISSION.includes(state.status) ? state : null;
    case 'verify':
      return state.status === 'accepted' || state.status === 'returned' ? { status: 'verified', chainStep: 0 } : null;
    case 'submit':
      return state.status === 'verified' ? { status: 'submitted', chainStep: 0 } : null;
    case 'review':
      return state.status === 'submitted' && state.chainStep < last ? { status: 'submitted', chainStep: state.chainStep + 1 } : null;
    case 'approve':
      return state.status === 'submitted' && state.chainStep === last ? { status: 'approved', chainStep: last } : null;
    case 'return':
      return state.status === 'submitted' ? { status: 'returned', chainStep: 0 } : null;
    case 'complete':
      return state.status === 'approved' ? { status: 'completed', chainStep: state.chainStep } : null;
    case 'withdraw':
      return AT_THE_STATION.includes(state.status) ? { status: 'withdrawn', chainStep: 0 } : null;
  }
}

/** The state a case's action log leads to; the stored status is a projection that must equal it. */
/** The acts a case's log can start with: 受理 at the window, or the import of a historical file (历史档案采集), closed long ago. */
export const OPENING_ACTS: ReadonlySet<CaseAct> = new Set<CaseAct>(['accept', 'import_history']);

export function deriveState(acts: readonly CaseAct[], chain: readonly ApprovalLevel[]): WorkflowState {
  const opening = acts[0];
  if (!opening || !OPENING_ACTS.has(opening)) throw new Error('An action log starts with accept or import_history');
  let state: WorkflowState = opening === 'accept' ? { status: 'accepted', chainStep: 0 } : { status: 'completed', chainStep: chain.length - 1 };
  for (const act of acts.slice(1)) {
    const next = nextState(state, act, chain);
    if (!next) throw new Error(`Act ${act} cannot follow status ${state.status}`);
    state = next;
  }
  return state;
}

export function pendingLevel(state: WorkflowState, chain: readonly ApprovalLevel[]): ApprovalLevel | null {
  return state.status === 'submitted' ? (chain[state.chainStep] ?? null) : null;
}
