import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { sha256Hex } from '../../blobs/digests.ts';
import { requireActor, requireIdempotencyKey, sessionCredential } from '../../http/request-context.ts';
import { clearSessionCookie, csrfTokenFor, setSessionCookie } from '../../http/session-cookie.ts';
import { adminRoutes } from './admin.routes.ts';
import { changePassword } from './commands/change-password.ts';
import { clearSignInThrottle } from './commands/clear-sign-in-throttle.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import {
  ChangePasswordBody,
  ClearedThrottleSchema,
  LoginBody,
  LoginResultSchema,
  MeSchema,
  NoContent,
  PasswordChangedSchema,
  UnitsSchema,
  UserIdParams,
} from './org.schema.ts';
import { listUnitsInScope } from './org.repo.ts';
import { ROLES } from './roles.ts';

/** What a user who must still replace a temporary password may use (request-context.ts). */
const WHILE_PASSWORD_CHANGE_REQUIRED = { whilePasswordChangeRequired: true };

export async function orgRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in (429 SIGN_IN_THROTTLED with a Retry-After header while attempts are rationed)',
        security: [],
        body: LoginBody,
        response: { 200: LoginResultSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      try {
        const session = await login(ctx, req.body.username, req.body.password, req.ip);
        if (req.body.session === 'token') return session;
        setSessionCookie(reply, req, session.token, (Date.parse(session.expiresAt) - ctx.now().getTime()) / 1000, ctx.config.cookieSecure);
        return { userId: session.userId, expiresAt: session.expiresAt, csrfToken: csrfTokenFor(session.token) };
      } catch (error) {
        if (error instanceof AppError && error.code === 'SIGN_IN_THROTTLED') reply.header('retry-after', String(error.details?.retryAfterSeconds));
        throw error;
      }
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出 Sign out', response: { 204: NoContent, ...errorResponses } } },
    async (req, reply) => {
      const credential = sessionCredential(req);
      const actor = await requireActor(ctx, req, WHILE_PASSWORD_CHANGE_REQUIRED);
      await logout(ctx, actor, credential!.token);
      if (credential?.via === 'cookie') clearSessionCookie(reply, req, ctx.config.cookieSecure);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: '当前用户 The signed-in user', response: { 200: MeSchema, ...errorResponses } } },
    async (req) => {
      const actor = await requireActor(ctx, req, WHILE_PASSWORD_CHANGE_REQUIRED);
      const credential = sessionCredential(req);
      const csrf = credential?.via === 'cookie' ? { csrfToken: csrfTokenFor(credential.token) } : {};
      return { ...actor, roleLabel: { zh: ROLES[actor.role].zh, en: ROLES[actor.role].en }, ...csrf };
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: "修改密码 Change one's own password (also the temporary one); other sessions end",
        body: ChangePasswordBody,
        response: { 200: PasswordChangedSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = await requireActor(ctx, req, WHILE_PASSWORD_CHANGE_REQUIRED);
      const tokenHash = sha256Hex(sessionCredential(req)!.token);
      try {
        return await changePassword(ctx, actor, req.body, tokenHash, requireIdempotencyKey(req));
      } catch (error) {
        if (error instanceof AppError && error.code === 'SIGN_IN_THROTTLED') reply.header('retry-after', String(error.details?.retryAfterSeconds));
        throw error;
      }
    },
  );

  r.get(
    '/api/units',
    { schema: { tags: ['org'], summary: '单位 Units in scope', response: { 200: UnitsSchema, ...errorResponses } } },
    async (req) => {
      const actor = await requireActor(ctx, req);
      const units = await listUnitsInScope(ctx.db.kysely, actor.unitPath);
      return { units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, nameEn: u.name_en, kind: u.kind, parentId: u.parent_id })) };
    },
  );

  r.post(
    '/api/admin/users/:id/sign-in-throttle/clear',
    {
      schema: {
        tags: ['org'],
        summary: '解除登录限制 Let an account try to sign in again at once (security administrator)',
        params: UserIdParams,
        response: { 200: ClearedThrottleSchema, ...errorResponses },
      },
    },
    async (req) => clearSignInThrottle(ctx, await requireActor(ctx, req), req.params.id),
  );

  await adminRoutes(app, ctx);
}
