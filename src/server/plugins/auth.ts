/**
 * Works out who is calling. API tokens arrive as `Authorization: Bearer kc_…`; sessions from the
 * desk are added with the accounts work. Anonymous callers get the public principal, and each
 * route's service decides what they may do.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { UnauthenticatedError } from '../../core/errors.js';
import { PUBLIC_PRINCIPAL } from '../../core/policy.js';
import type { Principal, Repositories } from '../../core/ports.js';
import { hashToken } from '../../core/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export const authPlugin = fp(async (app: FastifyInstance, options: { repos: Repositories }) => {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.principal = PUBLIC_PRINCIPAL;
    const header = request.headers.authorization;
    if (!header) return;
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
  });
});
