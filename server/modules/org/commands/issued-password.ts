import type { AdminUserView } from '../present-account.ts';

/** What an act that issues a temporary password answers: the password only to the request that made it. */
export interface IssuedPassword {
  user: AdminUserView;
  temporaryPassword: string | null;
}

/**
 * What such an act stores as its idempotent answer: never the password, which would then sit in
 * the database for the answer's lifetime, but a random mark of the request that issued it.
 */
export interface StoredIssue {
  user: AdminUserView;
  issue: string;
}

/**
 * The answer for this request: with the password if this request issued it, without when the same
 * Idempotency-Key was already answered (the first answer's password is gone; reset again).
 */
export function answerIssuedPassword(stored: StoredIssue, issue: string, temporaryPassword: string): IssuedPassword {
  return { user: stored.user, temporaryPassword: stored.issue === issue ? temporaryPassword : null };
}
