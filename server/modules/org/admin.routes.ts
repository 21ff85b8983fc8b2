import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.ts';
import { errorResponses } from '../../http/error-schema.ts';
import { requireActor, requireIdempotencyKey } from '../../http/request-context.ts';
import {
  AdminUnitSchema,
  AdminUnitsSchema,
  AdminUserSchema,
  AdminUsersQuery,
  AdminUsersSchema,
  AssignRoleBody,
  CreateUnitBody,
  CreateUserBody,
  IssuedPasswordSchema,
  RenameUnitBody,
  SecurityPolicyBody,
  SecurityPolicyViewSchema,
  UnitIdParams,
} from './admin.schema.ts';
import { assignRole } from './commands/assign-role.ts';
import { createAccount } from './commands/create-account.ts';
import { createUnit } from './commands/create-unit.ts';
import { renameUnit } from './commands/rename-unit.ts';
import { resetPassword } from './commands/reset-password.ts';
import { setAccountDisabled } from './commands/set-account-disabled.ts';
import { updateSecurityPolicy } from './commands/update-security-policy.ts';
import { UserIdParams } from './org.schema.ts';
import { listAccounts } from './queries/list-accounts.ts';
import { listAdminUnits } from './queries/list-admin-units.ts';
import { readSecurityPolicy } from './queries/read-security-policy.ts';

/**
 * Administration by the three separated administrators (org.policy.ts says who may do what). Every
 * act needs an Idempotency-Key and is on the trail, refusals too; so is every look.
 */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  r.get(
    '/api/admin/units',
    {
      schema: {
        tags,
        summary: '单位管理 The unit tree with account counts (system administrator)',
        response: { 200: AdminUnitsSchema, ...errorResponses },
      },
    },
    async (req) => listAdminUnits(ctx, await requireActor(ctx, req)),
  );

  r.post(
    '/api/admin/units',
    {
      schema: {
        tags,
        summary: '新建单位 Add a unit one level below its parent (system administrator)',
        body: CreateUnitBody,
        response: { 201: AdminUnitSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const unit = await createUnit(ctx, await requireActor(ctx, req), req.body, requireIdempotencyKey(req));
      return reply.status(201).send(unit);
    },
  );

  r.patch(
    '/api/admin/units/:id',
    {
      schema: {
        tags,
        summary: '单位更名 Rename a unit (system administrator)',
        params: UnitIdParams,
        body: RenameUnitBody,
        response: { 200: AdminUnitSchema, ...errorResponses },
      },
    },
    async (req) => renameUnit(ctx, await requireActor(ctx, req), req.params.id, req.body, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/admin/users',
    {
      schema: {
        tags,
        summary: '用户列表 Accounts, filtered and paginated, without password data (system and security administrators)',
        querystring: AdminUsersQuery,
        response: { 200: AdminUsersSchema, ...errorResponses },
      },
    },
    async (req) => listAccounts(ctx, await requireActor(ctx, req), req.query),
  );

  r.post(
    '/api/admin/users',
    {
      schema: {
        tags,
        summary: '新建用户 Open a business account; answers its temporary password once (system administrator)',
        body: CreateUserBody,
        response: { 201: IssuedPasswordSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const issued = await createAccount(ctx, await requireActor(ctx, req), req.body, requireIdempotencyKey(req));
      return reply.status(201).send(issued);
    },
  );

  r.post(
    '/api/admin/users/:id/disable',
    {
      schema: {
        tags,
        summary: '停用用户 Disable a business account and end its sessions (system administrator)',
        params: UserIdParams,
        response: { 200: AdminUserSchema, ...errorResponses },
      },
    },
    async (req) => setAccountDisabled(ctx, await requireActor(ctx, req), req.params.id, true, requireIdempotencyKey(req)),
  );

  r.post(
    '/api/admin/users/:id/enable',
    {
      schema: {
        tags,
        summary: '启用用户 Enable a disabled business account (system administrator)',
        params: UserIdParams,
        response: { 200: AdminUserSchema, ...errorResponses },
      },
    },
    async (req) => setAccountDisabled(ctx, await requireActor(ctx, req), req.params.id, false, requireIdempotencyKey(req)),
  );

  r.post(
    '/api/admin/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码 New temporary password, answered once; sessions end (system administrator)',
        params: UserIdParams,
        response: { 200: IssuedPasswordSchema, ...errorResponses },
      },
    },
    async (req) => resetPassword(ctx, await requireActor(ctx, req), req.params.id, requireIdempotencyKey(req)),
  );

  r.post(
    '/api/admin/users/:id/role',
    {
      schema: {
        tags,
        summary: '分配角色 Give a business account another business role; its sessions end (security administrator)',
        params: UserIdParams,
        body: AssignRoleBody,
        response: { 200: AdminUserSchema, ...errorResponses },
      },
    },
    async (req) => assignRole(ctx, await requireActor(ctx, req), req.params.id, req.body.role, requireIdempotencyKey(req)),
  );

  r.get(
    '/api/admin/security-policy',
    {
      schema: {
        tags,
        summary: '安全策略 The password and lockout policy in force (security administrator)',
        response: { 200: SecurityPolicyViewSchema, ...errorResponses },
      },
    },
    async (req) => readSecurityPolicy(ctx, await requireActor(ctx, req)),
  );

  r.put(
    '/api/admin/security-policy',
    {
      schema: {
        tags,
        summary: '设置安全策略 Set the password and lockout policy, as a whole (security administrator)',
        body: SecurityPolicyBody,
        response: { 200: SecurityPolicyViewSchema, ...errorResponses },
      },
    },
    async (req) => updateSecurityPolicy(ctx, await requireActor(ctx, req), req.body, requireIdempotencyKey(req)),
  );
}
