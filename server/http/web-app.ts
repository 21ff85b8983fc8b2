import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleNotFound } from './error-handler.ts';

/** Vite writes content-hashed names under assets/: such a file never changes, so browsers keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page itself is always asked for again, so a new build reaches every window at the next load. */
const REVALIDATE = 'no-cache';

const hasExtension = (url: string) => /\.[A-Za-z0-9]+$/.test(url.split('?')[0] ?? '');
const isServerPath = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/docs');

/**
 * Serves the built web application at `/`. A client route (/cases/…, /search?…) that is no file
 * falls back to index.html so a reload or a shared link opens the page; API paths, the API docs and
 * missing files keep answering the JSON 404.
 */
export async function serveWebApp(app: FastifyInstance, webDir: string | null): Promise<void> {
  const index = webDir ? path.join(webDir, 'index.html') : null;
  if (!webDir || !index || !fs.existsSync(index)) {
    app.setNotFoundHandler(handleNotFound);
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      void reply.header('cache-control', path.relative(webDir, filePath).startsWith(`assets${path.sep}`) ? IMMUTABLE : REVALIDATE);
    },
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !isServerPath(request.url) && !hasExtension(request.url);
    if (!wantsPage) return handleNotFound(request, reply);
    return reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').sendFile('index.html', webDir);
  });
}
