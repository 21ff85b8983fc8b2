import type { Db } from '../../db/database.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import { throttleLimitsOf } from './security-policy.ts';
import { loadSecurityPolicy } from './security-policy.repo.ts';
import { nameWaitAfter, retryAfterSeconds, sourceToleranceMs, type ThrottleLimits } from './sign-in-throttle-policy.ts';
import {
  claimSourceAttempt,
  claimStreakAttempt,
  countRefusedAttempt,
  deleteStreak,
  pruneQuietThrottles,
  refundSourceAttempt,
  type ThrottleKind,
} from './sign-in-throttle.repo.ts';

/** Who is trying: the throttle keys of one attempt. */
export interface AttemptKeys {
  name: string;
  source: string;
}

export type Claim =
  | {
      admitted: true;
      /** This attempt's number in the name's streak of failures. */
      attempt: number;
      /** The wait that starts if this attempt fails. */
      waitIfFailedMs: number;
      /** Attempts refused while the name or the source waited, since the last attempt let through. */
      refusedBefore: { name: number; source: number };
    }
  | { admitted: false; kind: SignInLimit };

type SignInLimit = Exclude<ThrottleKind, 'password'>;

class Throttled extends Error {
  constructor(readonly kind: SignInLimit) {
    super(`sign-in throttled by ${kind}`);
  }
}

/** The limits in force: the security administrator's lockout policy, or the defaults. */
export async function currentThrottleLimits(db: Db): Promise<ThrottleLimits> {
  return throttleLimitsOf((await loadSecurityPolicy(db.kysely)).policy.lockout);
}

/**
 * Claims the attempt on both limits in one transaction, before any password is checked. When the
 * name must wait, the source's claim is rolled back with it: a refused attempt costs the source
 * nothing, as it gets no guess. Source first, then name, in every transaction, so two never deadlock.
 */
export async function claimSignInAttempt(db: Db, keys: AttemptKeys, now: number, limits: ThrottleLimits): Promise<Claim> {
  try {
    return await inTransaction(db, async (tx) => {
      const source = await claimSourceAttempt(tx, keys.source, now, limits);
      if (!source) throw new Throttled('source');
      const name = await claimStreakAttempt(tx, 'name', keys.name, now, limits);
      if (!name) throw new Throttled('name');
      return {
        admitted: true,
        attempt: name.failures,
        waitIfFailedMs: nameWaitAfter(name.failures, limits),
        refusedBefore: { name: name.refusedBefore, source: source.refusedBefore },
      } as const;
    });
  } catch (error) {
    if (error instanceof Throttled) return { admitted: false, kind: error.kind };
    throw error;
  }
}

/**
 * Counts an attempt refused by `kind`. `first` says it is the first refusal of this wait, the one
 * the trail records; the rest are only counted, and the count goes into the trail with the next
 * attempt let through.
 */
export async function countRefusal(
  tx: Tx,
  kind: SignInLimit,
  keys: AttemptKeys,
  now: number,
  limits: ThrottleLimits,
): Promise<{ first: boolean; retryAfterSeconds: number }> {
  const row = await countRefusedAttempt(tx, kind, keys[kind], now);
  if (!row) return { first: true, retryAfterSeconds: 1 };
  // A name waits until next_at; a source until its arrival time is back within the tolerance.
  const readyAt = kind === 'name' ? row.nextAt : row.nextAt - sourceToleranceMs(limits);
  return { first: row.refused === 1, retryAfterSeconds: retryAfterSeconds(readyAt - now) };
}

/**
 * A success gives the source its attempt back and ends the name's streak, in the claim's lock
 * order (source, then name).
 */
export async function signInSucceeded(tx: Tx, keys: AttemptKeys, limits: ThrottleLimits): Promise<void> {
  await refundSourceAttempt(tx, keys.source, limits);
  await deleteStreak(tx, 'name', keys.name);
}

/**
 * Claims one check of a signed-in user's current password (a password change), on the user's own
 * streak with the sign-in numbers. Refused: the seconds to wait, the refusal counted.
 */
export async function claimPasswordCheck(
  db: Db,
  userId: string,
  now: number,
  limits: ThrottleLimits,
): Promise<{ admitted: true } | { admitted: false; retryAfterSeconds: number }> {
  return inTransaction(db, async (tx) => {
    if (await claimStreakAttempt(tx, 'password', userId, now, limits)) return { admitted: true } as const;
    const row = await countRefusedAttempt(tx, 'password', userId, now);
    return { admitted: false, retryAfterSeconds: retryAfterSeconds((row?.nextAt ?? now) - now) } as const;
  });
}

/** A right current password ends the user's streak of wrong ones. */
export async function passwordCheckSucceeded(tx: Tx, userId: string): Promise<void> {
  await deleteStreak(tx, 'password', userId);
}

/** Rows quiet for a whole streak limit nothing any more; the hourly housekeeping sweeps them. */
export async function forgetQuietThrottles(db: Db, now: number): Promise<void> {
  await pruneQuietThrottles(db.kysely, now, await currentThrottleLimits(db));
}
