/**
 * Every route states who may call it, in its options: `config: { permission: 'claims.update' }`,
 * `'authenticated'` or `'public'`. A route under /api/ that states nothing (or something
 * unknown) stops the server at start-up, so a forgotten route cannot ship open. The check runs
 * before the body is parsed: anonymous callers get 401 and callers without the permission 403.
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { SessionExpiredError, TotpSetupRequiredError } from '../../core/errors.js';
import { authorizeRoute, isRouteAccess, type RouteAccess } from '../../core/policy.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: a permission, `authenticated` or `public`. Required under /api/. */
    permission?: RouteAccess;
    /** Usable by an administrator who still has to set up two-factor sign-in. */
    allowDuringTotpSetup?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered with its stated access (the route × role test walks it). */
    routeAccess: RouteAccessEntry[];
  }
}

/** One registered route and what it requires. */
export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

// The OpenAPI documentation comes from a plugin and is public by nature.
const DOCS_PREFIX = '/api/docs';

const gate: onRequestAsyncHookHandler = async (request) => {
  const config = request.routeOptions.config;
  const access = config.permission ?? 'public';
  const principal = request.principal;
  if (access !== 'public' && !principal.user && request.sessionExpired) {
    throw new SessionExpiredError();
  }
  authorizeRoute(principal, access);
  if (principal.totpSetupRequired && access !== 'public' && !config.allowDuringTotpSetup) {
    throw new TotpSetupRequiredError();
  }
};

export const routeAccessPlugin = fp(async (app: FastifyInstance) => {
  const entries: RouteAccessEntry[] = [];
  app.decorate('routeAccess', entries);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let access: unknown = route.config?.permission;
    if (access === undefined && route.url.startsWith(DOCS_PREFIX)) access = 'public';
    if (access === undefined && !route.url.startsWith('/api/')) return;
    if (!isRouteAccess(access)) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} states no valid permission: add config: { permission: '<permission>' | 'authenticated' | 'public' } (see src/core/policy.ts).`,
      );
    }
    route.config = { ...route.config, permission: access };
    const existing = route.onRequest;
    route.onRequest = [
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
      gate,
    ];
    for (const method of methods) entries.push({ method, url: route.url, access });
  });
});
