import type { Actor } from './actor.ts';

/**
 * 三员分立: each administrative act belongs to exactly one of the three administrators, and no
 * business role has any of them (docs/OPERATIONS.md, "Administrators and passwords").
 *
 * - system administrator: the unit tree and the accounts (create with a business role, disable,
 *   enable, reset a password); never a role change after creation, never an administrator account;
 * - security administrator: roles of business accounts, the password and lockout policy, lifting a
 *   sign-in throttle; never creates an account;
 * - audit administrator: reads the trail (audit.policy.ts); no act here.
 */

/**
 * Only the security administrator lifts a sign-in throttle: it is an account-security act, and the
 * other two administrators (system, audit) are kept apart from it by construction.
 */
export function canClearSignInThrottle(actor: Actor): boolean {
  return actor.role === 'sec_admin';
}

/** Units: list with counts, create, rename. */
export function canManageUnits(actor: Actor): boolean {
  return actor.role === 'sys_admin';
}

/** Accounts: create, disable, enable, reset a password. */
export function canManageAccounts(actor: Actor): boolean {
  return actor.role === 'sys_admin';
}

/** The account list: the system administrator manages accounts, the security administrator assigns their roles. */
export function canListAccounts(actor: Actor): boolean {
  return actor.role === 'sys_admin' || actor.role === 'sec_admin';
}

export function canAssignRoles(actor: Actor): boolean {
  return actor.role === 'sec_admin';
}

/** Read and set the password and lockout policy. */
export function canManageSecurityPolicy(actor: Actor): boolean {
  return actor.role === 'sec_admin';
}
