/**
 * Each route states the permission it needs in its options (`config: { permission }`), next to
 * its schema, so the route × role matrix can be read from the routes themselves. The declaration
 * itself lives with the access plugin that enforces it.
 */
export type { RouteAccess as RoutePermission } from '../core/policy.js';
import './plugins/route-access.js';
