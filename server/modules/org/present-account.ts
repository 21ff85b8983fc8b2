import type { z } from 'zod';
import type { AdminUnitSchema, AdminUserSchema } from './admin.schema.ts';
import type { UnitWithCounts, UserWithUnit } from './org.repo.ts';
import { isAdministratorRole, isRole, ROLES } from './roles.ts';

export type AdminUserView = z.infer<typeof AdminUserSchema>;
export type AdminUnitView = z.infer<typeof AdminUnitSchema>;

/** An account as the administrators see it: never its password hash. */
export function presentAdminUser(row: UserWithUnit): AdminUserView {
  const role = isRole(row.role) ? row.role : undefined;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    roleLabel: role ? { zh: ROLES[role].zh, en: ROLES[role].en } : { zh: row.role, en: row.role },
    administrator: role ? isAdministratorRole(role) : false,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitNameEn: row.unit_name_en,
    unitKind: row.unit_kind,
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
  };
}

export function presentAdminUnit(row: UnitWithCounts): AdminUnitView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    parentId: row.parent_id,
    path: row.path,
    casePrefix: row.case_prefix,
    accounts: row.accounts,
    disabledAccounts: row.disabled_accounts,
  };
}
