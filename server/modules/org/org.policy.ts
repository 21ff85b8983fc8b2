import type { Actor } from './actor.ts';

/**
 * Only the security administrator lifts a sign-in throttle: it is an account-security act, and the
 * other two administrators (system, audit) are kept apart from it by construction.
 */
export function canClearSignInThrottle(actor: Actor): boolean {
  return actor.role === 'sec_admin';
}
