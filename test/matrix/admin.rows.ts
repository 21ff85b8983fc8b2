import { insertUser } from '../../server/modules/org/org.repo.ts';
import { DEFAULT_SECURITY_POLICY } from '../../server/modules/org/security-policy.ts';
import { DEMO_PASSWORD } from '../../server/modules/org/demo-organisation.ts';
import { type MatrixRow, row } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

/**
 * Administration (三员分立): units and accounts are the system administrator's, roles and the
 * security policy the security administrator's, the account list both of theirs; the audit
 * administrator and every business role are refused.
 */
const GULOU = '420704510000';
let serial = 0;

/** A business account of its own for each allowed act, since an allowed act changes it. */
async function freshOfficer(env: TestEnv): Promise<string> {
  const username = `matrix.officer${++serial}`;
  return insertUser(
    env.ctx.db.kysely,
    { username, displayName: username, unitId: GULOU, role: 'window_officer', passwordHash: 'unused' },
    env.ctx.now().toISOString(),
  );
}

//                                 off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const SYS_ADMIN = (ok: number) => row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, ok, 403, 403, 401);
const SEC_ADMIN = (ok: number) => row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, ok, 403, 401);

export const ADMIN_ROWS: Record<string, MatrixRow> = {
  'GET /api/admin/units': { expect: SYS_ADMIN(200), setup: async () => ({ url: '/api/admin/units' }) },
  'POST /api/admin/units': {
    expect: SYS_ADMIN(201),
    setup: async () => {
      const n = String(++serial).padStart(3, '0');
      return {
        url: '/api/admin/units',
        body: {
          parentId: '420704000000',
          code: `420704600${n}`,
          name: `矩阵派出所${n}`,
          nameEn: `Matrix Station ${n}`,
          kind: 'station',
          casePrefix: `7${n.slice(1)}`,
        },
      };
    },
  },
  'PATCH /api/admin/units/:id': {
    expect: SYS_ADMIN(200),
    setup: async () => ({ url: '/api/admin/units/420702510000', body: { name: `太和派出所${++serial}` } }),
  },
  'GET /api/admin/users': {
    //      off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
    expect: row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 401),
    setup: async () => ({ url: '/api/admin/users?limit=5' }),
  },
  'POST /api/admin/users': {
    expect: SYS_ADMIN(201),
    setup: async () => ({
      url: '/api/admin/users',
      body: { username: `matrix.new${++serial}`, displayName: '矩阵新用户', unitId: GULOU, role: 'window_officer' },
    }),
  },
  'POST /api/admin/users/:id/disable': {
    expect: SYS_ADMIN(200),
    setup: async (env) => ({ url: `/api/admin/users/${await freshOfficer(env)}/disable` }),
  },
  'POST /api/admin/users/:id/enable': {
    expect: SYS_ADMIN(200),
    setup: async (env) => ({ url: `/api/admin/users/${await freshOfficer(env)}/enable` }),
  },
  'POST /api/admin/users/:id/reset-password': {
    expect: SYS_ADMIN(200),
    setup: async (env) => ({ url: `/api/admin/users/${await freshOfficer(env)}/reset-password` }),
  },
  'POST /api/admin/users/:id/role': {
    expect: SEC_ADMIN(200),
    setup: async (env) => ({ url: `/api/admin/users/${await freshOfficer(env)}/role`, body: { role: 'station_leader' } }),
  },
  'GET /api/admin/security-policy': { expect: SEC_ADMIN(200), setup: async () => ({ url: '/api/admin/security-policy' }) },
  'PUT /api/admin/security-policy': {
    expect: SEC_ADMIN(200),
    setup: async () => ({ url: '/api/admin/security-policy', body: DEFAULT_SECURITY_POLICY }),
  },
  'POST /api/auth/password': {
    // Everyone may change their own password; the demo password offered again as the new one
    // passes the check of the current password and is then refused (SAME_AS_CURRENT), so the
    // demo accounts keep it for the other rows.
    //      off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
    expect: row(400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 401),
    setup: async () => ({ url: '/api/auth/password', body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }),
  },
};
