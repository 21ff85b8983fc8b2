import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.ts';
import { handleError } from './http/error-handler.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { serveWebApp } from './http/web-app.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { captureRoutes } from './modules/capture/capture.routes.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { noticeRoutes } from './modules/notices/notices.routes.ts';
import { sealRoutes } from './modules/seals/seals.routes.ts';
import { supervisionRoutes } from './modules/supervision/warnings.routes.ts';
import { bulletinRoutes } from './modules/bulletin/bulletin.routes.ts';
import { paperArchiveRoutes } from './modules/paper-archive/paper-archive.routes.ts';
import { spotCheckRoutes } from './modules/spot-checks/spot-checks.routes.ts';
import { smsRoutes } from './modules/notify/sms.routes.ts';

export interface RouteInfo {
  method: string;
  url: string;
}

export type App = FastifyInstance & { routeList: RouteInfo[] };

/**
 * What the request log keeps of a request: method, path and source, never the query string (a search
 * by ID number carries the number there) nor headers (bearer tokens, session cookies, CSRF tokens).
 */
export function requestForLog(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, path: request.url.split('?')[0], ip: request.ip };
}

const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });

/** Builds the HTTP app; main.ts listens with it and tests call it through inject(). */
export async function buildApp(ctx: AppContext, options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<App> {
  const fastify = Fastify({
    logger: options.logger
      ? { level: ctx.config.logLevel, serializers: { req: requestForLog }, ...(options.logStream ? { stream: options.logStream } : {}) }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Requests the router refuses before any route (undecodable URLs, over-long parameters) answer in our format too.
    frameworkErrors: handleError,
  });
  const routeList: RouteInfo[] = [];
  const app: App = Object.assign(fastify, { routeList });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD' && route.url.startsWith('/api/')) app.routeList.push({ method, url: route.url });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '户政业务电子档案系统 API', version: '0.1.0', description: 'Hukou business electronic archive. Errors: see docs/ERRORS.md.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'hukou_session',
            description: 'browser session; state-changing requests also send X-CSRF-Token',
          },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: { tags: ['system'], summary: '健康检查 Health', security: [], response: { 200: HealthSchema } },
    },
    async () => ({ status: 'ok' as const, database: ctx.db.dialect }),
  );
  await orgRoutes(app, ctx);
  await catalogRoutes(app, ctx);
  await caseRoutes(app, ctx);
  await captureRoutes(app, ctx);
  await auditRoutes(app, ctx);
  await sealRoutes(app, ctx);
  await noticeRoutes(app, ctx);
  await supervisionRoutes(app, ctx);
  await bulletinRoutes(app, ctx);
  await paperArchiveRoutes(app, ctx);
  await spotCheckRoutes(app, ctx);
  await smsRoutes(app, ctx);
  await serveWebApp(app, ctx.config.webDir);
  return app;
}
