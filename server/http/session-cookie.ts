import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Browser sessions. The web application never holds the session token: it lives in an HttpOnly,
 * SameSite=Strict cookie scoped to the API. Because a cookie is sent by the browser on its own, every
 * state-changing request that authenticates by cookie must also carry the session's CSRF token in a
 * header, which a page on another origin can neither read nor set. API clients keep the bearer token
 * and need no CSRF token: a browser never adds an Authorization header by itself.
 */
export const SESSION_COOKIE = 'hukou_session';
export const CSRF_HEADER = 'x-csrf-token';
const COOKIE_PATH = '/api/';

/** Derived from the session token, so nothing more is stored and it dies with the session. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update('hukou-csrf\0').update(sessionToken).digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function sessionCookieToken(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

/** Secure whenever the request came over TLS, or the operator says a proxy terminates it (HUKOU_COOKIE_SECURE). */
function secure(request: FastifyRequest, forceSecure: boolean): boolean {
  return forceSecure || request.protocol === 'https';
}

/**
 * The cookie lives as long as the session, counted in seconds (Max-Age) rather than to a date, so a
 * station PC whose clock is wrong neither drops the session at once nor keeps it too long; the
 * server's own expiry decides either way.
 */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, lifetimeSeconds: number, forceSecure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request, forceSecure),
    path: COOKIE_PATH,
    maxAge: Math.max(0, Math.floor(lifetimeSeconds)),
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, forceSecure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: secure(request, forceSecure), path: COOKIE_PATH });
}
