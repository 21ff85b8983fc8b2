import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CASE_ACTS,
  CASE_STATUSES,
  type CaseAct,
  type CaseStatus,
  deriveState,
  nextState,
  pendingLevel,
  STATUS_LABELS,
  type WorkflowState,
} from './workflow.ts';

const CHAINS = [['station'], ['branch'], ['station', 'branch'], ['branch', 'city'], ['station', 'branch', 'city']] as const;

describe('workflow', () => {
  it('walks the happy path of every chain shape', () => {
    for (const chain of CHAINS) {
      const acts: CaseAct[] = ['accept', 'capture', 'verify', 'submit', ...chain.slice(1).map(() => 'review' as const), 'approve', 'complete'];
      assert.equal(deriveState(acts, chain).status, 'completed', chain.join(','));
    }
  });

  it('asks each level in order and lets any level return', () => {
    const chain = ['station', 'branch', 'city'] as const;
    let state: WorkflowState = { status: 'submitted', chainStep: 0 };
    assert.equal(pendingLevel(state, chain), 'station');
    assert.equal(nextState(state, 'approve', chain), null, 'the first of three levels cannot approve');
    state = nextState(state, 'review', chain)!;
    assert.equal(pendingLevel(state, chain), 'branch');
    assert.deepEqual(nextState(state, 'return', chain), { status: 'returned', chainStep: 0 });
    state = nextState(state, 'review', chain)!;
    assert.equal(nextState(state, 'review', chain), null, 'the last level approves, it does not review');
    assert.equal(nextState(state, 'approve', chain)!.status, 'approved');
  });

  it('makes capture after verification require verification again', () => {
    assert.deepEqual(nextState({ status: 'verified', chainStep: 0 }, 'capture', ['station']), { status: 'accepted', chainStep: 0 });
    assert.equal(nextState({ status: 'submitted', chainStep: 0 }, 'capture', ['station']), null);
  });

  it('never leaves a closed case (a completed one takes only 补录) and never reaches approval without submission (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHAINS), fc.array(fc.constantFrom(...CASE_ACTS), { maxLength: 30 }), (chain, acts) => {
        let state: WorkflowState = { status: 'accepted', chainStep: 0 };
        let submitted = false;
        for (const act of acts) {
          const next = nextState(state, act, chain);
          if (state.status === 'withdrawn') assert.equal(next, null);
          if (state.status === 'completed') assert.deepEqual(next, act === 'supplement' ? state : null, `${act} on a completed case`);
          if (!next) continue;
          if (next.status === 'submitted') submitted = true;
          if (next.status === 'returned') submitted = false;
          if (next.status === 'approved') assert.ok(submitted, 'approval follows a submission');
          assert.ok(next.chainStep >= 0 && next.chainStep < chain.length, 'the chain step stays inside the chain');
          state = next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an action log that breaks the rules', () => {
    assert.throws(() => deriveState(['accept', 'approve'], ['station']), /cannot follow/);
    assert.throws(() => deriveState(['verify'], ['station']), /starts with accept/);
  });

  it('refuses an act that does not fit, naming it and the status', () => {
    assert.throws(() => deriveState(['accept', 'capture', 'approve'], ['station']), { message: 'Act approve cannot follow status accepted' });
    assert.throws(() => deriveState(['accept', 'withdraw', 'verify'], ['station']), { message: 'Act verify cannot follow status withdrawn' });
    assert.throws(() => deriveState([], ['station']), { message: 'An action log starts with accept or import_history' });
  });

  it('derives the state of logs with returns and withdrawals', () => {
    const chain = ['station', 'branch'] as const;
    assert.deepEqual(deriveState(['accept'], chain), { status: 'accepted', chainStep: 0 });
    assert.deepEqual(deriveState(['accept', 'verify', 'submit', 'review'], chain), { status: 'submitted', chainStep: 1 });
    assert.deepEqual(deriveState(['accept', 'verify', 'submit', 'review', 'return', 'capture'], chain), { status: 'returned', chainStep: 0 });
    assert.deepEqual(deriveState(['accept', 'verify', 'submit', 'return', 'verify', 'submit', 'review', 'approve'], chain), {
      status: 'approved',
      chainStep: 1,
    });
    assert.deepEqual(deriveState(['accept', 'verify', 'withdraw'], chain), { status: 'withdrawn', chainStep: 0 });
  });
});

// Every act from every state, written out by hand: null where the act does not fit.
const S = (status: CaseStatus, chainStep = 0): WorkflowState => ({ status, chainStep });
const ALL_ACTS: CaseAct[] = [
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
];
/** What changes the pages at the station re-opens verification; 补录 after submission leaves the case where it is. */
const AT_STATION = (status: 'accepted' | 'returned', from: CaseStatus) => ({
  capture: S(status),
  arrange_pages: S(status),
  capture_portrait: S(status),
  supplement: S(status),
  override_quality: S(from),
});

const THREE_LEVELS = ['station', 'branch', 'city'] as const;
const THREE_LEVEL_TABLE: [WorkflowState, Partial<Record<CaseAct, WorkflowState>>][] = [
  [S('accepted'), { ...AT_STATION('accepted', 'accepted'), verify: S('verified'), withdraw: S('withdrawn') }],
  [S('verified'), { ...AT_STATION('accepted', 'verified'), submit: S('submitted'), withdraw: S('withdrawn') }],
  [S('submitted', 0), { review: S('submitted', 1), return: S('returned'), supplement: S('submitted', 0) }],
  [S('submitted', 1), { review: S('submitted', 2), return: S('returned'), supplement: S('submitted', 1) }],
  [S('submitted', 2), { approve: S('approved', 2), return: S('returned'), supplement: S('submitted', 2) }],
  [S('returned'), { ...AT_STATION('returned', 'returned'), verify: S('verified'), withdraw: S('withdrawn') }],
  [S('approved', 2), { complete: S('completed', 2), supplement: S('approved', 2) }],
  [S('completed', 2), { supplement: S('completed', 2) }],
  [S('withdrawn'), {}],
];

const ONE_LEVEL = ['branch'] as const;
const ONE_LEVEL_TABLE: [WorkflowState, Partial<Record<CaseAct, WorkflowState>>][] = [
  [S('submitted', 0), { approve: S('approved', 0), return: S('returned'), supplement: S('submitted', 0) }],
  [S('approved', 0), { complete: S('completed', 0), supplement: S('approved', 0) }],
];

describe('workflow transition table', () => {
  for (const [chain, table] of [
    [THREE_LEVELS, THREE_LEVEL_TABLE],
    [ONE_LEVEL, ONE_LEVEL_TABLE],
  ] as const) {
    it(`gives the written-out next state of every act from every state (chain ${chain.join(',')})`, () => {
      for (const [state, allowed] of table) {
        for (const act of ALL_ACTS) {
          assert.deepEqual(nextState(state, act, chain), allowed[act] ?? null, `${state.status}/${state.chainStep} ${act}`);
        }
      }
    });
  }

  it('lists the stored statuses and acts, which the database and the API carry as text', () => {
    assert.deepEqual([...CASE_STATUSES], ['accepted', 'verified', 'submitted', 'returned', 'approved', 'completed', 'withdrawn']);
    assert.deepEqual([...CASE_ACTS], ALL_ACTS);
  });

  it('labels every status in Chinese and English', () => {
    assert.deepEqual(STATUS_LABELS, {
      accepted: { zh: '已受理', en: 'Accepted' },
      verified: { zh: '已核准', en: 'Originals verified' },
      submitted: { zh: '审批中', en: 'Under approval' },
      returned: { zh: '已退回', en: 'Returned' },
      approved: { zh: '已审批', en: 'Approved' },
      completed: { zh: '已办结', en: 'Completed' },
      withdrawn: { zh: '已撤回', en: 'Withdrawn' },
    });
  });

  it('has a pending level only while submitted, and only inside the chain', () => {
    for (const status of ['accepted', 'verified', 'returned', 'approved', 'completed', 'withdrawn'] as const) {
      assert.equal(pendingLevel(S(status), THREE_LEVELS), null, status);
    }
    assert.equal(pendingLevel(S('submitted', 2), THREE_LEVELS), 'city');
    assert.equal(pendingLevel(S('submitted', 3), THREE_LEVELS), null);
  });
});
