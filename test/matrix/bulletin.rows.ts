import { monthOf } from '../../server/modules/bulletin/bulletin-month.ts';
import type { MatrixRow } from '../support/matrix.ts';
import { row } from '../support/matrix.ts';

// Leaders, reviewers, approvers and supervisors read the bulletin of their own subtree; a station leader
// of another branch reads their own station's, so every reader answers 200.
//                        off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
const READ_BULLETIN = row(403, 403, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403, 403, 401);

/** The monthly bulletin (server/modules/bulletin/): the test clock's month, as JSON, PDF and Excel. */
export const BULLETIN_ROWS: Record<string, MatrixRow> = {
  'GET /api/bulletins/:month': { expect: READ_BULLETIN, setup: async (env) => ({ url: `/api/bulletins/${month(env)}` }) },
  'GET /api/bulletins/:month/pdf': { expect: READ_BULLETIN, setup: async (env) => ({ url: `/api/bulletins/${month(env)}/pdf` }) },
  'GET /api/bulletins/:month/xlsx': { expect: READ_BULLETIN, setup: async (env) => ({ url: `/api/bulletins/${month(env)}/xlsx` }) },
};

function month(env: Parameters<MatrixRow['setup']>[0]): string {
  return monthOf(env.ctx.now());
}
