import type { MatrixRow } from '../support/matrix.ts';
import { ADMIN_ROWS } from './admin.rows.ts';
import { AUDIT_CHECKPOINT_ROWS } from './audit-checkpoints.rows.ts';
import { CAPTURE_ROWS } from './capture.rows.ts';
import { CASES_WEB_ROWS } from './cases-web.rows.ts';
import { NOTICES_ROWS } from './notices.rows.ts';
import { SEALS_ROWS } from './seals.rows.ts';
import { SUPERVISION_ROWS } from './supervision.rows.ts';
import { BULLETIN_ROWS } from './bulletin.rows.ts';
import { PAPER_ARCHIVE_ROWS } from './paper-archive.rows.ts';
import { SPOT_CHECK_ROWS } from './spot-checks.rows.ts';
import { NOTIFY_ROWS } from './notify.rows.ts';

/**
 * Rows of the authorization matrix that domains added after the core API: one file per domain
 * (`<domain>.rows.ts`, exporting a Record<route, MatrixRow>), listed here.
 */
export const MATRIX_ROWS_BY_DOMAIN: Record<string, MatrixRow>[] = [
  CASES_WEB_ROWS,
  ADMIN_ROWS,
  CAPTURE_ROWS,
  SEALS_ROWS,
  AUDIT_CHECKPOINT_ROWS,
  NOTICES_ROWS,
  SUPERVISION_ROWS,
  BULLETIN_ROWS,
  PAPER_ARCHIVE_ROWS,
  SPOT_CHECK_ROWS,
  NOTIFY_ROWS,
];
