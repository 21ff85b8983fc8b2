import { z } from 'zod';
import { text } from '../../http/text.ts';
import { ROLE_NAMES } from './roles.ts';
import { SecurityPolicySchema } from './security-policy.ts';

const UnitKind = z.enum(['city', 'branch', 'station']);
const RoleName = z.enum(ROLE_NAMES as [string, ...string[]]);
const Label = z.object({ zh: z.string(), en: z.string() });

/** Unit ids are their 12-digit codes for units created here; the bound keeps any other id a lookup, not a 500. */
export const UnitIdParams = z.object({ id: text({ min: 1, max: 64 }) });

export const AdminUnitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: UnitKind,
  parentId: z.string().nullable(),
  path: z.string().describe('unit codes from the city down'),
  casePrefix: z.string(),
  accounts: z.number().int().describe('accounts in this unit itself'),
  disabledAccounts: z.number().int(),
});

export const AdminUnitsSchema = z.object({ units: z.array(AdminUnitSchema).describe('the whole tree, parents before children (by path)') });

export const CreateUnitBody = z.object({
  parentId: text({ min: 1, max: 64 }),
  code: z.string().regex(/^\d{12}$/, '12 digits (public-security organisation code)'),
  name: text({ min: 1, max: 64 }),
  nameEn: text({ min: 1, max: 128 }),
  kind: UnitKind.describe('one level below the parent: branch under the city, station under a branch'),
  casePrefix: z.string().regex(/^\d{3}$/, '3 digits, first group of the unit’s case numbers'),
});

export const RenameUnitBody = z
  .object({ name: text({ min: 1, max: 64 }).optional(), nameEn: text({ min: 1, max: 128 }).optional() })
  .refine((body) => body.name !== undefined || body.nameEn !== undefined, { message: 'name or nameEn' });

export const AdminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleName,
  roleLabel: Label,
  administrator: z.boolean().describe('one of the three administrators: no administrator manages it through this API'),
  unitId: z.string(),
  unitName: z.string(),
  unitNameEn: z.string(),
  unitKind: UnitKind,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const AdminUsersQuery = z.object({
  unitId: text({ min: 1, max: 64 }).optional().describe('this unit and every unit below it'),
  role: RoleName.optional(),
  q: text({ min: 1, max: 64 }).optional().describe('part of the user name or the display name, any case'),
  disabled: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AdminUsersSchema = z.object({
  users: z.array(AdminUserSchema),
  total: z.number().int().describe('accounts matching the filter, over all pages'),
});

export const CreateUserBody = z.object({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lowercase letters, digits, dot, underscore, hyphen; 2 to 64 characters')
    .describe('sign-in name, e.g. gulou.officer3'),
  displayName: text({ min: 1, max: 64 }),
  unitId: text({ min: 1, max: 64 }),
  role: RoleName.describe('a business role that fits the unit kind; administrator roles are refused (FORBIDDEN, ADMINISTRATOR_ROLE)'),
});

export const IssuedPasswordSchema = z.object({
  user: AdminUserSchema,
  temporaryPassword: z
    .string()
    .nullable()
    .describe('shown this once and never stored; null when this is a replay of the same Idempotency-Key (reset the password again)'),
});

export const AssignRoleBody = z.object({ role: RoleName });

export const SecurityPolicyBody = SecurityPolicySchema;

export const SecurityPolicyViewSchema = z.object({
  policy: SecurityPolicySchema,
  defaults: z.boolean().describe('true while the built-in policy applies (nothing stored yet)'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable().describe('user id of the security administrator who set it'),
});
