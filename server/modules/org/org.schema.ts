import { z } from 'zod';
import { text } from '../../http/text.ts';
import { ROLE_NAMES } from './roles.ts';

// Control characters (NUL made PostgreSQL answer 500 before authentication) and unpaired
// surrogates are refused by the shared text schema. Passwords are not trimmed: spaces count.
export const LoginBody = z.object({
  username: text({ min: 1, max: 64 }),
  password: text({ min: 1, max: 256, trim: false }),
  session: z
    .enum(['token', 'cookie'])
    .default('token')
    .describe('token: answer a bearer token (API clients); cookie: set an HttpOnly session cookie and answer its CSRF token (the web application)'),
});

export const LoginResultSchema = z.object({
  token: z.string().optional().describe('bearer token for the Authorization header (token sessions)'),
  csrfToken: z.string().optional().describe('send as X-CSRF-Token on every state-changing request (cookie sessions)'),
  userId: z.string(),
  expiresAt: z.string(),
});

const UnitKind = z.enum(['city', 'branch', 'station']);

export const MeSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLE_NAMES as [string, ...string[]]),
  roleLabel: z.object({ zh: z.string(), en: z.string() }),
  unitId: z.string(),
  unitKind: UnitKind,
  unitPath: z.string().describe('unit codes from the city down, e.g. /420700000000/420704000000/'),
  csrfToken: z.string().optional().describe('for a cookie session: the X-CSRF-Token its state-changing requests must carry'),
  mustChangePassword: z
    .boolean()
    .describe('signed in with a temporary password: every route but this one, POST /api/auth/password and sign-out answers PASSWORD_CHANGE_REQUIRED'),
});

export const ChangePasswordBody = z.object({
  currentPassword: text({ min: 1, max: 256, trim: false }),
  newPassword: text({ min: 1, max: 256, trim: false }),
});

export const PasswordChangedSchema = z.object({
  userId: z.string(),
  passwordChangedAt: z.string(),
  otherSessionsEnded: z.number().int().describe('sessions of this user on other devices, now signed out'),
});

export const UnitsSchema = z.object({
  units: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      kind: UnitKind,
      parentId: z.string().nullable(),
    }),
  ),
});

export const UserIdParams = z.object({ id: z.uuid() });

export const ClearedThrottleSchema = z.object({
  userId: z.string(),
  username: z.string(),
  cleared: z.boolean().describe('false when the name had no failures to clear'),
  failures: z.number().int().describe('failed attempts in a row that were cleared'),
  refused: z.number().int().describe('attempts refused during the current wait'),
});

/** 204: no body (z.undefined() is what the OpenAPI transform renders as a response without content). */
export const NoContent = z.undefined();
