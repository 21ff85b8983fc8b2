import type { Actor } from '../org/actor.ts';

export type Decision = { allow: true } | { allow: false; reason: 'ROLE_NOT_PERMITTED' };

const allow: Decision = { allow: true };
const deny: Decision = { allow: false, reason: 'ROLE_NOT_PERMITTED' };

/**
 * Who sees the SMS 发送记录: the system administrator, who runs the gateway (every unit), and the
 * supervisors (督查), who check that stations were told (the units in their subtree). The texts hold
 * masked names and ID numbers only, and numbers are masked in the list.
 */
export function canListSms(actor: Actor): Decision {
  return actor.role === 'sys_admin' || actor.role === 'supervisor' ? allow : deny;
}

/** Whether a reader sees every unit's texts, or only their subtree's. */
export function seesAllUnits(actor: Actor): boolean {
  return actor.role === 'sys_admin' || actor.unitKind === 'city';
}

/** Sending a failed text again, and the stations' numbers, are the system administrator's (the gateway's operator). */
export function canOperateSms(actor: Actor): Decision {
  return actor.role === 'sys_admin' ? allow : deny;
}
