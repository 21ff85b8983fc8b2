import assert from 'node:assert/strict';
import { as } from '../support/api.ts';
import { approveThroughChain, submittedCase, subtypeWithChain } from '../support/journey.ts';
import { type MatrixRow, READ_CASE, row } from '../support/matrix.ts';
import type { TestEnv } from '../support/test-context.ts';

let serial = 0;

/** A case of 古楼 approved at the station: its paper file awaits binding. */
async function decidedCase(env: TestEnv): Promise<string> {
  const subtype = subtypeWithChain(env, 'station');
  const kase = await submittedCase(env, subtype, 1500 + ++serial);
  await approveThroughChain(env, kase.id, subtype);
  return kase.id as string;
}

/** A decided case of 古楼 whose paper file is bound in a volume of its own. */
async function boundCase(env: TestEnv): Promise<string> {
  const caseId = await decidedCase(env);
  const bound = await (await as(env, 'gulou.officer')).post('/api/paper-archive/bind', { caseIds: [caseId], boxNo: 'MX', volumeNo: `B${serial}` });
  assert.equal(bound.status, 200, JSON.stringify(bound.body));
  return caseId;
}

//                               off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const READ_ARCHIVE = row(200, 403, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 401);
// The station's own officers file its paper; another station's case is out of sight.
const FILE_PAPER = row(200, 403, 200, 404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 401);
const OVERDUE_REPORT = row(403, 403, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403, 403, 401);

/** Routes of the paper archive (server/modules/paper-archive/). */
export const PAPER_ARCHIVE_ROWS: Record<string, MatrixRow> = {
  'GET /api/paper-archive/files': { expect: READ_ARCHIVE, setup: async () => ({ url: '/api/paper-archive/files' }) },
  'POST /api/paper-archive/bind': {
    expect: FILE_PAPER,
    setup: async (env) => ({ url: '/api/paper-archive/bind', body: { caseIds: [await decidedCase(env)], boxNo: 'MX', volumeNo: `N${serial}` } }),
  },
  'GET /api/paper-archive/cases/:caseId': {
    expect: READ_CASE,
    setup: async (env) => ({ url: `/api/paper-archive/cases/${await decidedCase(env)}` }),
  },
  'POST /api/paper-archive/cases/:caseId/move': {
    expect: FILE_PAPER,
    setup: async (env) => ({
      url: `/api/paper-archive/cases/${await boundCase(env)}/move`,
      body: { boxNo: 'MX', volumeNo: `M${serial}`, sequence: 1, reason: '调整卷次' },
    }),
  },
  'GET /api/paper-archive/overdue': { expect: OVERDUE_REPORT, setup: async () => ({ url: '/api/paper-archive/overdue' }) },
};
