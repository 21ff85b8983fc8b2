/** Roles as the bureau assigns them. Each user holds one, which keeps the three administrators apart. */
export const ROLES = {
  window_officer: { zh: '窗口民警', en: 'Window officer', unitKind: 'station', officer: true },
  auxiliary: { zh: '协警', en: 'Auxiliary police', unitKind: 'station', officer: false },
  station_leader: { zh: '派出所所长', en: 'Station leader', unitKind: 'station', officer: true },
  branch_reviewer: { zh: '分局审核民警', en: 'Branch reviewer', unitKind: 'branch', officer: true },
  city_approver: { zh: '市局审批民警', en: 'City approver', unitKind: 'city', officer: true },
  supervisor: { zh: '督查民警', en: 'Supervisor', unitKind: 'any', officer: true },
  sys_admin: { zh: '系统管理员', en: 'System administrator', unitKind: 'city', officer: false },
  sec_admin: { zh: '安全管理员', en: 'Security administrator', unitKind: 'city', officer: false },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator', unitKind: 'city', officer: false },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

/** 三员: system, security and audit administrator. They do no business, and no administrator manages another. */
export const ADMINISTRATOR_ROLES = ['sys_admin', 'sec_admin', 'audit_admin'] as const satisfies readonly Role[];

export function isAdministratorRole(role: Role): boolean {
  return (ADMINISTRATOR_ROLES as readonly Role[]).includes(role);
}

/** The roles the administrators hand out through the API: every role but the three administrators. */
export const BUSINESS_ROLES = ROLE_NAMES.filter((role) => !isAdministratorRole(role));

/** A role sits at one level of the unit tree (a supervisor at any level). */
export function roleFitsUnitKind(role: Role, unitKind: 'city' | 'branch' | 'station'): boolean {
  const kind: string = ROLES[role].unitKind;
  return kind === 'any' || kind === unitKind;
}
