import type { paths } from '../api/schema';

type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : never;

export type RoundList = Ok<'/api/spot-checks/rounds', 'get'>;
export type Round = RoundList['items'][number];
export type RoundDetail = Ok<'/api/spot-checks/rounds/{id}', 'get'>;
export type RoundItem = RoundDetail['items'][number];
export type Quota = Ok<'/api/spot-checks/quota', 'get'>;
export type QuotaRow = Quota['units'][number];
export type Verification = Ok<'/api/paper-verifications', 'get'>['items'][number];
export type VerificationFilter = 'open' | 'overdue' | 'answered' | 'all';

export const SPOT_KEY = ['spot-checks'] as const;

/** Who checks (server/modules/spot-checks/spot-checks.policy.ts): not a station's own people. */
export const CHECKER_ROLES = ['branch_reviewer', 'city_approver', 'supervisor'] as const;
/** The station's officers and leader answer paper verifications addressed to it. */
export const ANSWERER_ROLES = ['window_officer', 'station_leader'] as const;
export const SPOT_CHECK_ROLES = [...ANSWERER_ROLES, ...CHECKER_ROLES] as const;

export function isChecker(me: { role: string; unitKind: string }): boolean {
  return (CHECKER_ROLES as readonly string[]).includes(me.role) && me.unitKind !== 'station';
}

/** Still waiting for the station's answer and past its deadline (the hourly task may not have marked it yet). */
export function isLate(v: Verification, now = Date.now()): boolean {
  return v.state === 'overdue' || (v.state === 'requested' && Date.parse(v.dueAt) < now);
}
