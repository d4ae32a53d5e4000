import type { Principal } from './ports.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';
import type { Role } from './types.js';

/** Everything a route or a command may ask permission for. */
export type Permission =
  | 'categories.write'
  | 'sources.write'
  | 'items.create'
  | 'items.update'
  | 'claims.create'
  | 'claims.update'
  | 'claims.assign'
  | 'checks.write'
  | 'checks.publish'
  | 'evidence.write'
  | 'statements.write'
  | 'users.manage';

const grants: Readonly<Record<Permission, readonly Role[]>> = {
  'categories.write': ['admin'],
  'sources.write': ['admin', 'lead'],
  'items.create': ['admin', 'lead', 'editor', 'contributor'],
  'items.update': ['admin', 'lead', 'editor'],
  'claims.create': ['admin', 'lead', 'editor', 'contributor'],
  'claims.update': ['admin', 'lead', 'editor'],
  'claims.assign': ['admin', 'lead'],
  'checks.write': ['admin', 'lead', 'editor'],
  'checks.publish': ['admin', 'lead'],
  'evidence.write': ['admin', 'lead', 'editor'],
  'statements.write': ['admin', 'lead', 'press'],
  'users.manage': ['admin'],
};

/** Whether the principal's role grants the permission. */
export function can(principal: Principal, permission: Permission): boolean {
  const role = principal.user?.role;
  return role !== undefined && grants[permission].includes(role);
}

/** Throws 'unauthenticated' for anonymous callers and 'forbidden' for other roles. */
export function authorize(
  principal: Principal,
  permission: Permission,
): asserts principal is Principal & { user: NonNullable<Principal['user']> } {
  if (!principal.user) throw new UnauthenticatedError();
  if (!can(principal, permission)) {
    throw new ForbiddenError(`Your role (${principal.user.role}) does not allow ${permission}.`);
  }
}

/** The anonymous public. */
export const PUBLIC_PRINCIPAL: Principal = Object.freeze({
  actor: { kind: 'public' as const, id: null },
  user: null,
});
