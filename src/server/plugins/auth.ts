/**
 * Works out who is calling: an API token (`Authorization: Bearer kc_…`) or a desk session (the
 * `kc_session` cookie). Cookie-authenticated state-changing requests must carry the session's
 * CSRF token in `x-csrf-token`, and no state-changing request may come from another site's page
 * (its Origin). Bearer requests are exempt: browsers never attach them on their own.
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthService } from '../../core/auth.service.js';
import { CsrfError, UnauthenticatedError } from '../../core/errors.js';
import { PUBLIC_PRINCIPAL } from '../../core/policy.js';
import type { Principal, Repositories } from '../../core/ports.js';
import { hashToken } from '../../core/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** A session cookie came with the request but its session has ended. */
    sessionExpired: boolean;
    /** The CSRF token of the request's session (null without one). */
    csrfToken: string | null;
  }
}

/** Name of the session cookie (the desk's only credential). */
export const SESSION_COOKIE = 'kc_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a browser says the request comes from a page of another origin. */
function crossSite(request: FastifyRequest, baseOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    return origin !== baseOrigin && origin !== `${request.protocol}://${request.host}`;
  }
  return request.headers['sec-fetch-site'] === 'cross-site';
}

/** Whether the session cookie must be Secure: the request came over TLS, or the site is https. */
export function secureCookie(request: FastifyRequest, baseUrl: string): boolean {
  return request.protocol === 'https' || baseUrl.startsWith('https://');
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Path=/, Secure behind TLS. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  baseUrl: string,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookie(request, baseUrl),
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, baseUrl: string) {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookie(request, baseUrl),
  });
}

export const authPlugin = fp(
  async (
    app: FastifyInstance,
    options: { repos: Repositories; auth: AuthService; baseUrl: string },
  ) => {
    await app.register(cookie);
    const baseOrigin = new URL(options.baseUrl).origin;
    app.decorateRequest('principal', null as unknown as Principal);
    app.decorateRequest('sessionExpired', false);
    app.decorateRequest('csrfToken', null);
    app.addHook('onRequest', async (request) => {
      request.principal = PUBLIC_PRINCIPAL;
      // The metrics route checks its own bearer token (METRICS_TOKEN), not an API token.
      if (request.routeOptions.url === '/metrics') return;
      const header = request.headers.authorization;
      if (header) {
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match?.[1])
          throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
        const found = await options.repos.users.findByApiTokenHash(hashToken(match[1]), new Date());
        // A wrong token is an error, not a silent downgrade to anonymous.
        if (!found) throw new UnauthenticatedError('The API token is unknown, expired or revoked.');
        request.principal = {
          actor: { kind: 'api_token', id: found.user.id },
          user: found.user,
          scopes: found.scopes,
        };
        return;
      }

      const unsafe = !SAFE_METHODS.has(request.method);
      if (unsafe && crossSite(request, baseOrigin)) {
        throw new CsrfError('State-changing requests from other sites are refused.');
      }
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const session = await options.auth.checkSession(token);
      if (session.state !== 'valid') {
        request.sessionExpired = true;
        return;
      }
      if (unsafe && !sameToken(request.headers[CSRF_HEADER], session.csrfToken)) {
        // Public routes (a tip sent from the portal by someone signed in) simply run anonymously.
        if ((request.routeOptions.config.permission ?? 'public') === 'public') return;
        throw new CsrfError();
      }
      request.principal = session.principal;
      request.csrfToken = session.csrfToken;
    });
  },
);
