import { inTransaction } from '../../server/db/transaction.ts';
import { insertUnit, insertUser } from '../../server/modules/org/org.repo.ts';
import { issueOfficerCertificate, makeUnitSeal } from '../../server/modules/seals/seal-authority.ts';
import { as } from '../support/api.ts';
import { acceptSample, subtypeWithChain } from '../support/journey.ts';
import { type MatrixRow, READ_CASE, row } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

//                               off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const SEC_ADMIN = (ok: number) => row(403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, ok, 403, 401);
const SIGNED_IN = row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401);
const GULOU = '420704510000';
let serial = 0;

/** A window officer of its own, so each allowed act finds what it changes. */
async function freshOfficer(env: TestEnv) {
  const username = `seal.matrix${++serial}`;
  const id = await insertUser(
    env.ctx.db.kysely,
    { username, displayName: username, unitId: GULOU, role: 'window_officer', passwordHash: 'unused' },
    env.ctx.now().toISOString(),
  );
  return { id, username, display_name: username, unit_id: GULOU };
}

/** A seal of a station of its own: revoking it must not stop 古楼 deciding in the rows after. */
async function freshSeal(env: TestEnv) {
  const code = `4207049${String(++serial).padStart(5, '0')}`;
  await insertUnit(env.ctx.db.kysely, {
    id: code,
    code,
    name: `印章矩阵派出所${serial}`,
    name_en: `Seal Matrix Station ${serial}`,
    kind: 'station',
    parent_id: '420704000000',
    path: `/420700000000/420704000000/${code}/`,
    case_prefix: `9${String(serial).padStart(2, '0')}`,
  });
  return inTransaction(env.ctx.db, (tx) => makeUnitSeal(tx, env.ctx.dataKeys, code, env.ctx.now()));
}

/** Routes of electronic seals (server/modules/seals/). */
export const SEALS_ROWS: Record<string, MatrixRow> = {
  'GET /api/cases/:id/signatures': {
    expect: READ_CASE,
    setup: async (env) => ({
      url: `/api/cases/${(await acceptSample(await as(env, 'gulou.officer'), subtypeWithChain(env, 'station'), 700 + ++serial)).id}/signatures`,
    }),
  },
  'GET /api/seals/:id/image': { expect: SIGNED_IN, setup: async (env) => ({ url: `/api/seals/${(await freshSeal(env)).id}/image` }) },
  'GET /api/admin/seals': { expect: SEC_ADMIN(200), setup: async () => ({ url: '/api/admin/seals' }) },
  'POST /api/admin/units/:id/seal': { expect: SEC_ADMIN(201), setup: async () => ({ url: `/api/admin/units/${GULOU}/seal` }) },
  'POST /api/admin/seals/:id/revoke': {
    expect: SEC_ADMIN(200),
    setup: async (env) => ({ url: `/api/admin/seals/${(await freshSeal(env)).id}/revoke`, body: { reason: '矩阵测试' } }),
  },
  'POST /api/admin/users/:id/certificate': {
    expect: SEC_ADMIN(201),
    setup: async (env) => ({ url: `/api/admin/users/${(await freshOfficer(env)).id}/certificate` }),
  },
  'POST /api/admin/certificates/:id/revoke': {
    expect: SEC_ADMIN(200),
    setup: async (env) => {
      const user = await freshOfficer(env);
      const issued = await inTransaction(env.ctx.db, (tx) => issueOfficerCertificate(tx, env.ctx.dataKeys, user, env.ctx.now()));
      return { url: `/api/admin/certificates/${issued.row.id}/revoke`, body: { reason: '矩阵测试' } };
    },
  },
};
