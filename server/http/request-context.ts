import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { SessionActor } from '../modules/org/actor.ts';
import { authenticate } from '../modules/org/authenticate.ts';
import { csrfTokenMatches, CSRF_HEADER, sessionCookieToken } from './session-cookie.ts';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return undefined;
}

/** How the request proves its session: an API client's bearer token, or the browser's cookie. */
export interface SessionCredential {
  token: string;
  via: 'bearer' | 'cookie';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The request's session credential. A bearer header wins over a cookie. A cookie on a
 * state-changing request counts only with the matching CSRF header; without it the request is
 * refused outright rather than treated as anonymous, so the page can say what went wrong.
 */
export function sessionCredential(request: FastifyRequest): SessionCredential | undefined {
  const bearer = bearerToken(request);
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = sessionCookieToken(request);
  if (!cookie) return undefined;
  if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(cookie, request.headers[CSRF_HEADER])) throw new AppError('CSRF_FAILED');
  return { token: cookie, via: 'cookie' };
}

export interface ActorOptions {
  /**
   * The route serves a user who still holds a temporary password (who am I, change the password,
   * sign out). Every other route refuses them with PASSWORD_CHANGE_REQUIRED, here, in one place.
   */
  whilePasswordChangeRequired?: boolean;
}

export async function requireActor(ctx: AppContext, request: FastifyRequest, options: ActorOptions = {}): Promise<SessionActor> {
  const actor = await authenticate(ctx, sessionCredential(request)?.token);
  if (actor.mustChangePassword && !options.whilePasswordChangeRequired) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  return actor;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Every act takes a client-chosen key so that a retry after a lost answer is safe. */
export function requireIdempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  return key;
}
