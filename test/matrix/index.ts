import type { MatrixRow } from '../support/matrix.ts';
import { ADMIN_ROWS } from './admin.rows.ts';
import { CAPTURE_ROWS } from './capture.rows.ts';
import { CASES_WEB_ROWS } from './cases-web.rows.ts';

/**
 * Rows of the authorization matrix that domains added after the core API: one file per domain
 * (`<domain>.rows.ts`, exporting a Record<route, MatrixRow>), listed here.
 */
export const MATRIX_ROWS_BY_DOMAIN: Record<string, MatrixRow>[] = [CASES_WEB_ROWS, ADMIN_ROWS, CAPTURE_ROWS];
