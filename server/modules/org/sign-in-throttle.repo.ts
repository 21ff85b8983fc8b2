import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { nameWaitAfter, quietAfterMs, sourceToleranceMs, type ThrottleLimits } from './sign-in-throttle-policy.ts';

type Q = Kysely<Database> | Tx;
/**
 * A streak of failures in a row: of an account name as typed at sign-in ('name'), or of a signed-in
 * user's checks of their current password when changing it ('password', by user id, so a session
 * cannot guess the password faster than the sign-in page, nor lock its owner out of signing in).
 */
export type StreakKind = 'name' | 'password';
export type ThrottleKind = StreakKind | 'source';

/** An attempt let through. */
export interface Claimed {
  /** The attempt's number in the name's streak (0 for a source, which keeps no streak). */
  failures: number;
  /** Attempts refused during the wait that this one ends, to be reported with it. */
  refusedBefore: number;
}

const col = (name: string) => sql.ref(`sign_in_throttle.${name}`);
// PostgreSQL cannot type a parameter that only meets other parameters (as in CASE branches).
const big = (value: number) => sql<number>`cast(${value} as bigint)`;

/**
 * Claims one attempt of a streak (an account name, or a user's password checks), counted before
 * the password is checked: one upsert that adds 1 and sets the wait, and only if the wait before it
 * has passed. No row comes back when the streak must still wait. On PostgreSQL the conflicting row
 * is locked and the condition re-read, so parallel claims queue and each sees the one before.
 */
export async function claimStreakAttempt(
  db: Q,
  kind: StreakKind,
  subject: string,
  now: number,
  limits: ThrottleLimits,
): Promise<Claimed | undefined> {
  const expired = sql<boolean>`${col('last_at')} < ${now - limits.streakExpiryMs}`;
  const attempt = sql<number>`(case when ${expired} then 1 else ${col('failures')} + 1 end)`;
  // From the longest wait down, so the first branch that applies is the right one.
  const waits = limits.nameWaitsMs.map((wait, i) => sql`when ${attempt} >= ${limits.freeFailures + i} then ${big(now + wait)}`).reverse();
  // A free attempt sets no wait at all (0), not "now": parallel attempts carry slightly different
  // clocks, and a wait until one of them would refuse the others while attempts are still free.
  const firstWait = nameWaitAfter(1, limits);
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ kind, subject, failures: 1, next_at: firstWait ? now + firstWait : 0, refused: 0, refused_before: 0, last_at: now })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'subject'])
        .doUpdateSet({
          failures: attempt,
          next_at: sql<number>`case ${sql.join(waits, sql` `)} else ${big(0)} end`,
          refused_before: col('refused') as RawBuilder<number>,
          refused: 0,
          last_at: now,
        })
        .where('sign_in_throttle.next_at', '<=', now),
    )
    .returning(['failures', 'refused_before'])
    .executeTakeFirst();
  return row && { failures: Number(row.failures), refusedBefore: Number(row.refused_before) };
}

/**
 * Claims one attempt for a source address (GCRA): the theoretical arrival time moves one interval
 * on from max(itself, now), and only while it is at most the tolerance ahead of now.
 */
export async function claimSourceAttempt(db: Q, subject: string, now: number, limits: ThrottleLimits): Promise<Claimed | undefined> {
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ kind: 'source', subject, failures: 0, next_at: now + limits.sourceIntervalMs, refused: 0, refused_before: 0, last_at: now })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'subject'])
        .doUpdateSet({
          next_at: sql<number>`(case when ${col('next_at')} > ${now} then ${col('next_at')} else ${big(now)} end) + ${limits.sourceIntervalMs}`,
          refused_before: col('refused') as RawBuilder<number>,
          refused: 0,
          last_at: now,
        })
        .where('sign_in_throttle.next_at', '<=', now + sourceToleranceMs(limits)),
    )
    .returning(['failures', 'refused_before'])
    .executeTakeFirst();
  return row && { failures: Number(row.failures), refusedBefore: Number(row.refused_before) };
}

/** Counts a refused attempt; `refused` = 1 means it is the first of this wait. */
export async function countRefusedAttempt(
  db: Q,
  kind: ThrottleKind,
  subject: string,
  now: number,
): Promise<{ refused: number; nextAt: number } | undefined> {
  const row = await db
    .updateTable('sign_in_throttle')
    .set({ refused: sql<number>`${col('refused')} + 1`, last_at: now })
    .where('kind', '=', kind)
    .where('subject', '=', subject)
    .returning(['refused', 'next_at'])
    .executeTakeFirst();
  return row && { refused: Number(row.refused), nextAt: Number(row.next_at) };
}

/** Gives a source back the attempt a successful sign-in claimed. */
export async function refundSourceAttempt(db: Q, subject: string, limits: ThrottleLimits): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({ next_at: sql<number>`${col('next_at')} - ${limits.sourceIntervalMs}` })
    .where('kind', '=', 'source')
    .where('subject', '=', subject)
    .execute();
}

/** Ends a streak (a success, or the security administrator); returns what it held. */
export async function deleteStreak(db: Q, kind: StreakKind, subject: string): Promise<{ failures: number; refused: number } | undefined> {
  const row = await db
    .deleteFrom('sign_in_throttle')
    .where('kind', '=', kind)
    .where('subject', '=', subject)
    .returning(['failures', 'refused'])
    .executeTakeFirst();
  return row && { failures: Number(row.failures), refused: Number(row.refused) };
}

/** Forgets rows quiet for longer than a streak lasts and a bucket takes to fill: they no longer limit anything. */
export async function pruneQuietThrottles(db: Q, now: number, limits: ThrottleLimits): Promise<void> {
  await db
    .deleteFrom('sign_in_throttle')
    .where('last_at', '<', now - quietAfterMs(limits))
    .execute();
}
