import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CASE_ACTS, type CaseAct, deriveState, nextState, pendingLevel, type WorkflowState } from './workflow.ts';

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

  it('never leaves a closed case and never reaches approval without submission (property)', () => {
    fc.assert(fc.property(
      fc.constantFrom(...CHAINS),
      fc.array(fc.constantFrom(...CASE_ACTS), { maxLength: 30 }),
      (chain, acts) => {
        let state: WorkflowState = { status: 'accepted', chainStep: 0 };
        let submitted = false;
        for (const act of acts) {
          const next = nextState(state, act, chain);
          if (state.status === 'completed' || state.status === 'withdrawn') assert.equal(next, null);
          if (!next) continue;
          if (next.status === 'submitted') submitted = true;
          if (next.status === 'returned') submitted = false;
          if (next.status === 'approved') assert.ok(submitted, 'approval follows a submission');
          assert.ok(next.chainStep >= 0 && next.chainStep < chain.length);
          state = next;
        }
      },
    ), { numRuns: 2000 });
  });

  it('refuses an action log that breaks the rules', () => {
    assert.throws(() => deriveState(['accept', 'approve'], ['station']), /cannot follow/);
    assert.throws(() => deriveState(['verify'], ['station']), /starts with accept/);
  });
});
