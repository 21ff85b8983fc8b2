import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { bearerToken, requireActor } from '../../http/request-context.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import { listUnits } from './org.repo.ts';
import { ROLES } from './roles.ts';

const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

export async function orgRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', { schema: { tags: ['auth'], summary: '登录 Sign in', body: LoginBody } }, async (req) => {
    return login(ctx, req.body.username, req.body.password, req.ip);
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出 Sign out' } }, async (req, reply) => {
    const actor = await requireActor(ctx, req);
    await logout(ctx, actor, bearerToken(req)!);
    return reply.status(204).send();
  });

  r.get('/api/me', { schema: { tags: ['auth'], summary: '当前用户 The signed-in user' } }, async (req) => {
    const actor = await requireActor(ctx, req);
    return { ...actor, roleLabel: { zh: ROLES[actor.role].zh, en: ROLES[actor.role].en } };
  });

  r.get('/api/units', { schema: { tags: ['org'], summary: '单位 Units in scope' } }, async (req) => {
    const actor = await requireActor(ctx, req);
    const units = await listUnits(ctx.db.kysely);
    return {
      units: units.filter((u) => u.path.startsWith(actor.unitPath))
        .map((u) => ({ id: u.id, code: u.code, name: u.name, nameEn: u.name_en, kind: u.kind, parentId: u.parent_id })),
    };
  });
}
