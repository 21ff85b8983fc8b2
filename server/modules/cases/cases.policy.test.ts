import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApprovalLevel } from '../catalog/catalog.schema.ts';
import type { Actor } from '../org/actor.ts';
import type { Role } from '../org/roles.ts';
import { type CaseActTarget, canAccept, canActOnCase, canReadCase, canSearchCases, decidingLevelOf } from './cases.policy.ts';

// The demo unit tree, written out: 鄂州市局 > 鄂城分局 > 古楼/官柳派出所, and 华容分局 beside it.
const CITY = { unitId: '420700000000', unitKind: 'city', unitPath: '/420700000000/' } as const;
const ECHENG = { unitId: '420704000000', unitKind: 'branch', unitPath: '/420700000000/420704000000/' } as const;
const HUARONG = { unitId: '420703000000', unitKind: 'branch', unitPath: '/420700000000/420703000000/' } as const;
const GULOU = { unitId: '420704510000', unitKind: 'station', unitPath: '/420700000000/420704000000/420704510000/' } as const;
const GUANLIU = { unitId: '420704520000', unitKind: 'station', unitPath: '/420700000000/420704000000/420704520000/' } as const;

type Unit = typeof CITY | typeof ECHENG | typeof HUARONG | typeof GULOU | typeof GUANLIU;

function actor(role: Role, unit: Unit, userId = `${role}@${unit.unitId}`): Actor {
  return { userId, username: userId, displayName: userId, role, ...unit };
}

/** A case accepted at 古楼 by u-accept, verified by u-verify and submitted by u-submit. */
function gulouCase(chain: readonly ApprovalLevel[]): CaseActTarget {
  return { unitId: GULOU.unitId, unitPath: GULOU.unitPath, chain, stationActorIds: ['u-accept', 'u-verify', 'u-submit'] };
}

const ALLOW = { allow: true };
const OUT_OF_SCOPE = { allow: false, notFound: true, reason: 'OUT_OF_SCOPE' };
const ROLE_NOT_PERMITTED = { allow: false, notFound: false, reason: 'ROLE_NOT_PERMITTED' };
const AUXILIARY_NOT_PERMITTED = { allow: false, notFound: false, reason: 'AUXILIARY_NOT_PERMITTED' };
const NOT_OWN_STATION = { allow: false, notFound: false, reason: 'NOT_OWN_STATION' };
const OWN_CASE = { allow: false, notFound: false, reason: 'OWN_CASE' };

const ADMINS = ['sys_admin', 'sec_admin', 'audit_admin'] as const;
const STATION_ACTS = ['verify', 'submit', 'complete', 'withdraw'] as const;
const DECISIONS = ['review', 'approve', 'return'] as const;

describe('canSearchCases', () => {
  it('keeps the three administrators away from cases and lets every other role search', () => {
    for (const role of ADMINS) assert.deepEqual(canSearchCases(actor(role, CITY)), ROLE_NOT_PERMITTED, role);
    const others: [Role, Unit][] = [
      ['window_officer', GULOU],
      ['auxiliary', GULOU],
      ['station_leader', GULOU],
      ['branch_reviewer', ECHENG],
      ['city_approver', CITY],
      ['supervisor', CITY],
    ];
    for (const [role, unit] of others) assert.deepEqual(canSearchCases(actor(role, unit)), ALLOW, role);
  });
});

describe('canReadCase', () => {
  const kase = { unitId: GULOU.unitId, unitPath: GULOU.unitPath };

  it('answers "not found" to an administrator even inside the unit tree', () => {
    for (const role of ADMINS) {
      for (const act of ['view', 'timeline', 'materials_open', 'reveal_id'] as const) {
        assert.deepEqual(canReadCase(actor(role, CITY), kase, act), OUT_OF_SCOPE, `${role} ${act}`);
      }
    }
  });

  it('answers "not found" outside the reader\'s subtree', () => {
    assert.deepEqual(canReadCase(actor('window_officer', GUANLIU), kase, 'view'), OUT_OF_SCOPE);
    assert.deepEqual(canReadCase(actor('branch_reviewer', HUARONG), kase, 'view'), OUT_OF_SCOPE);
    assert.deepEqual(canReadCase(actor('supervisor', HUARONG), kase, 'timeline'), OUT_OF_SCOPE);
  });

  it('lets the station, its branch and the city read', () => {
    assert.deepEqual(canReadCase(actor('window_officer', GULOU), kase, 'view'), ALLOW);
    assert.deepEqual(canReadCase(actor('branch_reviewer', ECHENG), kase, 'materials_open'), ALLOW);
    assert.deepEqual(canReadCase(actor('supervisor', CITY), kase, 'timeline'), ALLOW);
    assert.deepEqual(canReadCase(actor('city_approver', CITY), kase, 'reveal_id'), ALLOW);
  });

  it('lets an auxiliary see the case but not reveal an ID number', () => {
    const aux = actor('auxiliary', GULOU);
    assert.deepEqual(canReadCase(aux, kase, 'view'), ALLOW);
    assert.deepEqual(canReadCase(aux, kase, 'timeline'), ALLOW);
    assert.deepEqual(canReadCase(aux, kase, 'materials_open'), ALLOW);
    assert.deepEqual(canReadCase(aux, kase, 'reveal_id'), AUXILIARY_NOT_PERMITTED);
    assert.deepEqual(canReadCase(actor('window_officer', GULOU), kase, 'reveal_id'), ALLOW);
  });
});

describe('canAccept', () => {
  it('lets window officers and station leaders accept at a station', () => {
    assert.deepEqual(canAccept(actor('window_officer', GULOU)), ALLOW);
    assert.deepEqual(canAccept(actor('station_leader', GUANLIU)), ALLOW);
  });

  it('refuses an auxiliary with its own reason', () => {
    assert.deepEqual(canAccept(actor('auxiliary', GULOU)), AUXILIARY_NOT_PERMITTED);
  });

  it('refuses every other role, and a station role held outside a station', () => {
    for (const [role, unit] of [
      ['branch_reviewer', ECHENG],
      ['city_approver', CITY],
      ['supervisor', ECHENG],
      ['sys_admin', CITY],
      ['sec_admin', CITY],
      ['audit_admin', CITY],
    ] as [Role, Unit][]) {
      assert.deepEqual(canAccept(actor(role, unit)), ROLE_NOT_PERMITTED, role);
    }
    assert.deepEqual(canAccept(actor('window_officer', ECHENG)), ROLE_NOT_PERMITTED, 'a window officer placed at a branch');
  });
});

describe('canActOnCase', () => {
  const full = gulouCase(['station', 'branch', 'city']);

  it('answers "not found" to administrators and to anyone outside the case\'s subtree', () => {
    for (const act of ['capture', ...STATION_ACTS, ...DECISIONS] as const) {
      for (const role of ADMINS) assert.deepEqual(canActOnCase(actor(role, CITY), full, act), OUT_OF_SCOPE, `${role} ${act}`);
      assert.deepEqual(canActOnCase(actor('window_officer', GUANLIU), full, act), OUT_OF_SCOPE, `guanliu ${act}`);
      assert.deepEqual(canActOnCase(actor('branch_reviewer', HUARONG), full, act), OUT_OF_SCOPE, `huarong ${act}`);
    }
  });

  it("lets the station's officers, leader and auxiliaries capture, nobody from another unit", () => {
    assert.deepEqual(canActOnCase(actor('window_officer', GULOU), full, 'capture'), ALLOW);
    assert.deepEqual(canActOnCase(actor('station_leader', GULOU), full, 'capture'), ALLOW);
    assert.deepEqual(canActOnCase(actor('auxiliary', GULOU), full, 'capture'), ALLOW);
    assert.deepEqual(canActOnCase(actor('branch_reviewer', ECHENG), full, 'capture'), NOT_OWN_STATION);
    assert.deepEqual(canActOnCase(actor('supervisor', CITY), full, 'capture'), NOT_OWN_STATION);
    // Held at the station itself, a role that is not a station role still may not capture.
    assert.deepEqual(canActOnCase(actor('supervisor', GULOU), full, 'capture'), ROLE_NOT_PERMITTED);
  });

  it("keeps verify, submit, complete and withdraw to the station's own officers", () => {
    for (const act of STATION_ACTS) {
      assert.deepEqual(canActOnCase(actor('window_officer', GULOU), full, act), ALLOW, act);
      assert.deepEqual(canActOnCase(actor('station_leader', GULOU), full, act), ALLOW, act);
      assert.deepEqual(canActOnCase(actor('auxiliary', GULOU), full, act), AUXILIARY_NOT_PERMITTED, act);
      assert.deepEqual(canActOnCase(actor('branch_reviewer', ECHENG), full, act), NOT_OWN_STATION, act);
      assert.deepEqual(canActOnCase(actor('city_approver', CITY), full, act), NOT_OWN_STATION, act);
      assert.deepEqual(canActOnCase(actor('supervisor', GULOU), full, act), ROLE_NOT_PERMITTED, act);
    }
  });

  it('lets the decider of each level in the chain decide', () => {
    for (const act of DECISIONS) {
      assert.deepEqual(canActOnCase(actor('station_leader', GULOU), full, act), ALLOW, `station ${act}`);
      assert.deepEqual(canActOnCase(actor('branch_reviewer', ECHENG), full, act), ALLOW, `branch ${act}`);
      assert.deepEqual(canActOnCase(actor('city_approver', CITY), full, act), ALLOW, `city ${act}`);
    }
  });

  it("lets nobody decide at a level the case's chain does not have", () => {
    for (const act of DECISIONS) {
      assert.deepEqual(canActOnCase(actor('city_approver', CITY), gulouCase(['station', 'branch']), act), ROLE_NOT_PERMITTED, act);
      assert.deepEqual(canActOnCase(actor('branch_reviewer', ECHENG), gulouCase(['station']), act), ROLE_NOT_PERMITTED, act);
      assert.deepEqual(canActOnCase(actor('station_leader', GULOU), gulouCase(['branch', 'city']), act), ROLE_NOT_PERMITTED, act);
      // A level later in the chain is found too, not only the first.
      assert.deepEqual(canActOnCase(actor('city_approver', CITY), gulouCase(['branch', 'city']), act), ALLOW, act);
    }
  });

  it('refuses roles that never decide, and an auxiliary with its own reason', () => {
    for (const act of DECISIONS) {
      assert.deepEqual(canActOnCase(actor('window_officer', GULOU), full, act), ROLE_NOT_PERMITTED, act);
      assert.deepEqual(canActOnCase(actor('supervisor', CITY), full, act), ROLE_NOT_PERMITTED, act);
      assert.deepEqual(canActOnCase(actor('auxiliary', GULOU), full, act), AUXILIARY_NOT_PERMITTED, act);
    }
  });

  it('lets a station leader decide only at their own station', () => {
    // A leader whose scope reaches the case (as a branch-wide leader would) but whose station is another.
    const leaderOverEcheng = actor('station_leader', ECHENG);
    for (const act of DECISIONS) {
      assert.deepEqual(canActOnCase(leaderOverEcheng, full, act), ROLE_NOT_PERMITTED, act);
    }
  });

  it('lets nobody decide a case they accepted, verified or submitted, at any level (separation of duties)', () => {
    for (const act of DECISIONS) {
      for (const userId of ['u-accept', 'u-verify', 'u-submit']) {
        assert.deepEqual(canActOnCase(actor('station_leader', GULOU, userId), full, act), OWN_CASE, `station ${userId} ${act}`);
        assert.deepEqual(canActOnCase(actor('branch_reviewer', ECHENG, userId), full, act), OWN_CASE, `branch ${userId} ${act}`);
        assert.deepEqual(canActOnCase(actor('city_approver', CITY, userId), full, act), OWN_CASE, `city ${userId} ${act}`);
      }
      assert.deepEqual(canActOnCase(actor('station_leader', GULOU, 'u-other'), full, act), ALLOW, act);
    }
  });

  it('does not hold having acted for the station against station acts', () => {
    assert.deepEqual(canActOnCase(actor('window_officer', GULOU, 'u-accept'), full, 'submit'), ALLOW);
    assert.deepEqual(canActOnCase(actor('window_officer', GULOU, 'u-verify'), full, 'capture'), ALLOW);
  });
});

describe('decidingLevelOf', () => {
  it('names the level each deciding role decides at, and none for the others', () => {
    assert.equal(decidingLevelOf(actor('station_leader', GULOU)), 'station');
    assert.equal(decidingLevelOf(actor('branch_reviewer', ECHENG)), 'branch');
    assert.equal(decidingLevelOf(actor('city_approver', CITY)), 'city');
    for (const [role, unit] of [
      ['window_officer', GULOU],
      ['auxiliary', GULOU],
      ['supervisor', CITY],
      ['sys_admin', CITY],
    ] as [Role, Unit][]) {
      assert.equal(decidingLevelOf(actor(role, unit)), null, role);
    }
  });
});
