import { type MatrixRow, row } from '../support/matrix.ts';

/** Routes the cases domain added for the web application. */
export const CASES_WEB_ROWS: Record<string, MatrixRow> = {
  'GET /api/workbench': {
    // Everyone with business work has a workbench; the three administrators have none.
    //      off  aux  lead zel  put  echR hrR  city echS cityS sys  sec  aud  anon
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 401),
    setup: async () => ({ url: '/api/workbench' }),
  },
};
