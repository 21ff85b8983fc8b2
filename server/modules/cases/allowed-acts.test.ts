import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';
import { casePermissions, fittingNextState } from './allowed-acts.ts';
import type { CaseActTarget } from './cases.policy.ts';
import type { WorkflowState } from './workflow.ts';

const GULOU = { unitId: 'gulou', unitKind: 'station', unitPath: '/city/echeng/gulou/' } as const;
const ECHENG = { unitId: 'echeng', unitKind: 'branch', unitPath: '/city/echeng/' } as const;
const CITY = { unitId: 'city', unitKind: 'city', unitPath: '/city/' } as const;

function actor(role: Role, unit: typeof GULOU | typeof ECHENG | typeof CITY, userId: string = role): Actor {
  return { userId, username: userId, displayName: userId, role, ...unit };
}

const target = (chain: CaseActTarget['chain'], stationActorIds = ['u-accept']): CaseActTarget => ({
  unitId: GULOU.unitId,
  unitPath: GULOU.unitPath,
  chain,
  stationActorIds,
});
const at = (status: WorkflowState['status'], chainStep = 0): WorkflowState => ({ status, chainStep });
const MISSING = [{ code: 'hukou-book', name: '户口簿', nameEn: 'Hukou book', minPages: 2, pagesCaptured: 1 }];

describe('fittingNextState', () => {
  it('lets a decider act only at the level whose turn it is', () => {
    const chain = ['station', 'branch', 'city'] as const;
    assert.deepEqual(fittingNextState(actor('branch_reviewer', ECHENG), at('submitted', 1), 'review', chain), at('submitted', 2));
    assert.equal(fittingNextState(actor('branch_reviewer', ECHENG), at('submitted', 0), 'review', chain), null);
    assert.equal(fittingNextState(actor('city_approver', CITY), at('submitted', 1), 'return', chain), null);
    assert.deepEqual(fittingNextState(actor('city_approver', CITY), at('submitted', 2), 'approve', chain), at('approved', 2));
  });

  it('leaves station acts to the workflow alone', () => {
    assert.deepEqual(fittingNextState(actor('window_officer', GULOU), at('verified'), 'submit', ['station']), at('submitted'));
    assert.equal(fittingNextState(actor('window_officer', GULOU), at('accepted'), 'submit', ['station']), null);
  });
});

describe('casePermissions', () => {
  it('lists the station acts that fit, verification only with every required page', () => {
    const officer = actor('window_officer', GULOU);
    const pageActs = ['arrange_pages', 'override_quality', 'capture_portrait'];
    assert.deepEqual(casePermissions(officer, target(['station']), at('accepted'), []).allowedActs, ['capture', 'verify', 'withdraw', ...pageActs]);
    assert.deepEqual(casePermissions(officer, target(['station']), at('accepted'), MISSING).allowedActs, ['capture', 'withdraw', ...pageActs]);
    assert.deepEqual(casePermissions(actor('auxiliary', GULOU), target(['station']), at('accepted'), []), {
      allowedActs: ['capture', 'arrange_pages', 'capture_portrait'],
      canRevealId: false,
    });
    assert.deepEqual(casePermissions(officer, target(['station']), at('approved'), []), {
      allowedActs: ['complete', 'supplement'],
      canRevealId: true,
    });
  });

  it('offers 补录 instead of capture once the capture limit has passed, and only to officers', () => {
    const officer = actor('window_officer', GULOU);
    const late = casePermissions(officer, target(['station']), at('accepted'), [], true).allowedActs;
    assert.ok(late.includes('supplement') && !late.includes('capture'), late.join());
    const early = casePermissions(officer, target(['station']), at('accepted'), [], false).allowedActs;
    assert.ok(!early.includes('supplement') && early.includes('capture'), early.join());
    assert.deepEqual(casePermissions(actor('auxiliary', GULOU), target(['station']), at('accepted'), [], true).allowedActs, [
      'arrange_pages',
      'capture_portrait',
    ]);
  });

  it('lists no decision for whoever acted for the station, and nothing for administrators', () => {
    const leader = actor('station_leader', GULOU, 'u-leader');
    assert.deepEqual(casePermissions(leader, target(['station']), at('submitted'), []).allowedActs, ['approve', 'return', 'supplement']);
    assert.deepEqual(casePermissions(leader, target(['station'], ['u-leader']), at('submitted'), []).allowedActs, ['supplement']);
    assert.deepEqual(casePermissions(actor('sys_admin', CITY), target(['station']), at('accepted'), []), { allowedActs: [], canRevealId: false });
  });
});
