/**
 * How sign-in attempts are rationed. Two independent limits, both counted before the password is
 * checked, so parallel guesses cannot slip past them:
 *
 * - per account name as typed (normalised, whether or not the account exists): `freeFailures`
 *   attempts in a row, then a growing wait between attempts (`nameWaitsMs`), capped at the last
 *   entry. A success resets it; so does a quiet `streakExpiryMs`.
 * - per source address: a token bucket (GCRA) of `sourceBurst` attempts that refills one attempt
 *   every `sourceIntervalMs`. A success gives its token back, so signing in never uses the budget
 *   but an insider cannot reset it by signing in to their own account.
 *
 * The numbers are the security administrator's to change, within bounds (security-policy.ts); the
 * constants below are the defaults, in force while no policy is stored. The bounds the defaults give
 * (docs/OPERATIONS.md, "Sign-in throttling") are computed by the functions at the end of this file
 * and checked in sign-in-throttle-policy.test.ts.
 */
export const FREE_FAILURES = 5;
const MINUTE = 60_000;
/** The wait after the 5th, 6th, 7th, 8th and every later failure in a row. */
export const NAME_WAITS_MS = [1, 2, 4, 8, 15].map((m) => m * MINUTE);
export const STREAK_EXPIRY_MS = 24 * 60 * MINUTE;

export const SOURCE_BURST = 30;
export const SOURCE_INTERVAL_MS = 2 * MINUTE;
/** GCRA tolerance: the bucket is full when the theoretical arrival time is `now`. */
export const SOURCE_TOLERANCE_MS = (SOURCE_BURST - 1) * SOURCE_INTERVAL_MS;

/** The numbers of both limits, in milliseconds. */
export interface ThrottleLimits {
  freeFailures: number;
  /** Never empty: its last entry is the wait after every later failure. */
  nameWaitsMs: readonly number[];
  streakExpiryMs: number;
  sourceBurst: number;
  sourceIntervalMs: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  freeFailures: FREE_FAILURES,
  nameWaitsMs: NAME_WAITS_MS,
  streakExpiryMs: STREAK_EXPIRY_MS,
  sourceBurst: SOURCE_BURST,
  sourceIntervalMs: SOURCE_INTERVAL_MS,
};

export function sourceToleranceMs(limits: ThrottleLimits): number {
  return (limits.sourceBurst - 1) * limits.sourceIntervalMs;
}

/**
 * How long a row must be quiet before it limits nothing: a name's streak has expired and a
 * source's bucket has filled up again, whichever takes longer under these limits.
 */
export function quietAfterMs(limits: ThrottleLimits): number {
  return Math.max(limits.streakExpiryMs, limits.sourceBurst * limits.sourceIntervalMs);
}

/** A name as typed is one throttle key however it is spelt: compatibility forms and case fold together. */
export function throttleName(typed: string): string {
  return typed.normalize('NFKC').trim().toLowerCase();
}

/** The wait that must pass after the attempt numbered `attempt` in a row (1-based) failed. */
export function nameWaitAfter(attempt: number, limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS): number {
  if (attempt < limits.freeFailures) return 0;
  return limits.nameWaitsMs[attempt - limits.freeFailures] ?? limits.nameWaitsMs.at(-1) ?? 0;
}

/** Whole seconds a client must wait, never 0 so a client that obeys it does not spin. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/**
 * The most attempts one account name can get within `windowMs` (both ends included), starting from
 * a fresh streak (the worst case: the free attempts come first), if every attempt fails.
 */
export function maxNameAttempts(windowMs: number, limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS): number {
  let count = 0;
  for (let at = 0, attempt = 1; at <= windowMs; attempt++) {
    count++;
    at += nameWaitAfter(attempt, limits);
  }
  return count;
}

/** The most attempts one source address can get within `windowMs` (both ends included). */
export function maxSourceAttempts(windowMs: number, limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS): number {
  return limits.sourceBurst + Math.floor(windowMs / limits.sourceIntervalMs);
}
