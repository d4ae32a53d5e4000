/**
 * Each route states the permission it needs in its options (`config: { permission }`), next to
 * its schema, so the route × role matrix can be read from the routes themselves. The services
 * enforce the same permissions; this declaration is what a reviewer and the matrix test read.
 */
import type { RoutePermission } from '../core/policy.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
}

export type { RoutePermission };
