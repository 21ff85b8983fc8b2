import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { type MatrixRow, READ_CASE } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

let serial = 0;

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
  'GET /api/cases/:id/notice/info': { expect: READ_CASE, setup: async (env) => ({ url: `/api/cases/${await approvedCase(env)}/notice/info` }) },
};
