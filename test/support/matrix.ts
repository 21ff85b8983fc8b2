import assert from 'node:assert/strict';
import type { TestEnv } from './test-context.ts';

/**
 * The columns of the authorization matrix (test/authorization-matrix.test.ts): demo users chosen for their
 * role and where they sit relative to the target case, accepted at 古楼派出所 (鄂城分局). Domains add
 * their rows in test/matrix/<domain>.rows.ts; the expected codes are written out by hand, not computed
 * from the policy under test.
 */
export const USERS = [
  'gulou.officer', // window officer, own station
  'gulou.aux', // auxiliary, own station
  'gulou.leader', // station leader, own station
  'zelin.officer', // window officer, sibling station in the same branch
  'putuan.leader', // station leader, station of another branch
  'echeng.reviewer', // branch reviewer over the station
  'huarong.reviewer', // branch reviewer of another branch
  'city.approver', // city approver
  'echeng.supervisor', // branch supervisor over the station
  'city.supervisor', // city supervisor
  'sysadmin',
  'secadmin',
  'auditadmin',
  'anonymous',
] as const;
export type User = (typeof USERS)[number];

export function row(...codes: number[]): Record<User, number> {
  assert.equal(codes.length, USERS.length);
  return Object.fromEntries(USERS.map((u, i) => [u, codes[i]])) as Record<User, number>;
}

//                              off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
export const READ_CASE = row(200, 200, 200, 404, 404, 200, 404, 200, 200, 200, 404, 404, 404, 401);
export const STATION_ACT = row(200, 403, 200, 404, 404, 403, 404, 403, 403, 403, 404, 404, 404, 401);
export const BRANCH_DECISION = row(403, 403, 403, 404, 404, 200, 404, 409, 403, 403, 404, 404, 404, 401);
export const CITY_DECISION = row(403, 403, 403, 404, 404, 409, 404, 200, 403, 403, 404, 404, 404, 401);
export const EVERY_USER = row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401);
export const AUDIT_ADMIN_ONLY = row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 401);

/**
 * `upload`: a multipart body with `uploadFile` (default: a generated page) and `uploadFields` (default: the
 * station sub-type's first material code).
 */
export type Setup = (env: TestEnv) => Promise<{
  url: string;
  body?: unknown;
  upload?: boolean;
  uploadFields?: Record<string, string>;
  uploadFile?: { name: string; type: string; bytes: Buffer };
}>;

export interface MatrixRow {
  expect: Record<User, number>;
  setup: Setup;
}
