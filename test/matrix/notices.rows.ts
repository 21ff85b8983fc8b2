import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { type MatrixRow, READ_CASE, row } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

let serial = 0;

//                           off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const ANYONE = row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);

/** A case of 古楼 approved by the city, so it has its notice. */
async function approvedCase(env: TestEnv): Promise<string> {
  const subtype = subtypeWithChain(env, 'branch,city');
  const kase = await submittedCase(env, subtype, 800 + ++serial);
  await approveThroughChain(env, kase.id, subtype);
  return kase.id as string;
}

/** Routes of the approval notice (server/modules/notices/): whoever may read the case may read its notice. */
export const NOTICES_ROWS: Record<string, MatrixRow> = {
  'GET /api/cases/:id/notice': { expect: READ_CASE, setup: async (env) => ({ url: `/api/cases/${await approvedCase(env)}/notice` }) },
  'GET /api/cases/:id/notice.ofd': { expect: READ_CASE, setup: async (env) => ({ url: `/api/cases/${await approvedCase(env)}/notice.ofd` }) },
  'GET /api/public/notices/:code': {
    // The public check: whoever holds the notice, signed in or not.
    expect: ANYONE,
    setup: async (env) => {
      const caseId = await approvedCase(env);
      const notice = await env.ctx.db.kysely
        .selectFrom('notices')
        .select('verification_code')
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      return { url: `/api/public/notices/${notice.verification_code}` };
    },
  },
  'POST /api/public/notices/file': {
    // The public check of a notice file: whoever holds it, signed in or not.
    expect: ANYONE,
    setup: async (env) => {
      const caseId = await approvedCase(env);
      const notice = await env.ctx.db.kysely.selectFrom('notices').select('blob_sha256').where('case_id', '=', caseId).executeTakeFirstOrThrow();
      const bytes = await env.ctx.blobs.get(notice.blob_sha256);
      return { url: '/api/public/notices/file', upload: true, uploadFields: {}, uploadFile: { name: 'notice.pdf', type: 'application/pdf', bytes } };
    },
  },
  'POST /api/public/seals/verify': {
    // The public check of any sealed file: whoever holds it, signed in or not.
    expect: ANYONE,
    setup: async (env) => {
      const caseId = await approvedCase(env);
      const notice = await env.ctx.db.kysely.selectFrom('notices').select('ofd_blob_sha256').where('case_id', '=', caseId).executeTakeFirstOrThrow();
      const bytes = await env.ctx.blobs.get(notice.ofd_blob_sha256!);
      return { url: '/api/public/seals/verify', upload: true, uploadFields: {}, uploadFile: { name: 'notice.ofd', type: 'application/ofd', bytes } };
    },
  },
  'GET /api/cases/:id/notice/info': { expect: READ_CASE, setup: async (env) => ({ url: `/api/cases/${await approvedCase(env)}/notice/info` }) },
};
