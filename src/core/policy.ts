import type { Principal } from './ports.js';
import { ForbiddenError, UnauthenticatedError, ValidationError } from './errors.js';
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
  | 'tips.read'
  | 'watch-terms.write'
  | 'integrations.manage'
  | 'users.manage'
  | 'reports.read';

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
  'tips.read': ['admin', 'lead', 'editor'],
  'watch-terms.write': ['admin', 'lead'],
  'integrations.manage': ['admin'],
  'users.manage': ['admin'],
  'reports.read': ['admin', 'lead'],
};

/** Every permission: the scopes an API token may be limited to (or `*` for all of the role's). */
export const PERMISSIONS = Object.freeze(Object.keys(grants) as Permission[]);

/**
 * Checks a token's requested scopes: each must be a permission or `*`. Unknown ones are an
 * error listing the valid scopes, never silently dropped.
 */
export function parseScopes(scopes: readonly string[]): string[] {
  const known = new Set<string>([...PERMISSIONS, '*']);
  const unknown = scopes.filter((scope) => !known.has(scope));
  if (unknown.length > 0) {
    throw new ValidationError([
      {
        field: 'scopes',
        message: `unknown scope(s): ${unknown.join(', ')}; valid scopes are * and ${PERMISSIONS.join(', ')}`,
      },
    ]);
  }
  if (scopes.length === 0) {
    throw new ValidationError([{ field: 'scopes', message: 'name at least one scope (or *)' }]);
  }
  return [...new Set(scopes)];
}

/** Whether the principal's role grants the permission. */
export function can(principal: Principal, permission: Permission): boolean {
  const role = principal.user?.role;
  if (role === undefined || !grants[permission].includes(role)) return false;
  const scopes = principal.scopes;
  return scopes === undefined || scopes.includes('*') || scopes.includes(permission);
}

/** Throws 'unauthenticated' for anonymous callers and 'forbidden' for other roles. */
export function authorize(
  principal: Principal,
  permission: Permission,
): asserts principal is Principal & { user: NonNullable<Principal['user']> } {
  if (!principal.user) throw new UnauthenticatedError();
  if (!can(principal, permission)) {
    throw new ForbiddenError(
      grants[permission].includes(principal.user.role)
        ? `This API token's scopes do not include ${permission}.`
        : `Your role (${principal.user.role}) does not allow ${permission}.`,
    );
  }
}

/** The anonymous public. */
export const PUBLIC_PRINCIPAL: Principal = Object.freeze({
  actor: { kind: 'public' as const, id: null },
  user: null,
});
