import type { Principal } from './ports.js';
import { ForbiddenError, UnauthenticatedError, ValidationError } from './errors.js';
import type { Role } from './types.js';

/** Everything a route or a command may ask permission for. */
export type Permission =
  | 'categories.write'
  | 'sources.read'
  | 'sources.write'
  | 'items.read'
  | 'items.create'
  | 'items.update'
  | 'claims.read'
  | 'claims.create'
  | 'claims.update'
  | 'claims.assign'
  | 'claims.triage'
  | 'checks.write'
  | 'checks.review'
  | 'checks.publish'
  | 'evidence.read'
  | 'evidence.write'
  | 'checklists.manage'
  | 'notes.read'
  | 'notes.write'
  | 'queue.read'
  | 'dashboard.read'
  | 'events.read'
  | 'statements.write'
  | 'inquiries.read'
  | 'inquiries.write'
  | 'tips.read'
  | 'watch-terms.write'
  | 'integrations.manage'
  | 'audit.read'
  | 'users.manage'
  | 'reports.read'
  | 'settings.read'
  | 'health.read'
  | 'settings.write';

const grants: Readonly<Record<Permission, readonly Role[]>> = {
  'categories.write': ['admin'],
  'sources.read': ['admin', 'lead', 'editor'],
  'sources.write': ['admin', 'lead'],
  // Contributors follow what became of what they reported; the press office answers questions
  // about claims.
  'items.read': ['admin', 'lead', 'editor', 'contributor'],
  'items.create': ['admin', 'lead', 'editor', 'contributor'],
  'items.update': ['admin', 'lead', 'editor'],
  'claims.read': ['admin', 'lead', 'editor', 'contributor', 'press'],
  'claims.create': ['admin', 'lead', 'editor', 'contributor'],
  'claims.update': ['admin', 'lead', 'editor'],
  'claims.assign': ['admin', 'lead'],
  'claims.triage': ['admin', 'lead', 'editor'],
  'checks.write': ['admin', 'lead', 'editor'],
  // Editors review colleagues' work; the second person is enforced by the rules, not the role.
  'checks.review': ['admin', 'lead', 'editor'],
  'checks.publish': ['admin', 'lead'],
  'evidence.read': ['admin', 'lead', 'editor'],
  'evidence.write': ['admin', 'lead', 'editor'],
  'checklists.manage': ['admin', 'lead'],
  'notes.read': ['admin', 'lead', 'editor'],
  'notes.write': ['admin', 'lead', 'editor'],
  // Everyone who may read claims may read them as the queue (contributors follow what they
  // reported, the press office what journalists ask about).
  'queue.read': ['admin', 'lead', 'editor', 'contributor', 'press'],
  'dashboard.read': ['admin', 'lead', 'editor'],
  'events.read': ['admin', 'lead', 'editor', 'contributor', 'press'],
  'statements.write': ['admin', 'lead', 'press'],
  // Journalists' questions are the press office's to answer; leads see the load.
  'inquiries.read': ['admin', 'lead', 'press'],
  // Those who answer also see the journalist's contact (each viewing is recorded).
  'inquiries.write': ['admin', 'lead', 'press'],
  'tips.read': ['admin', 'lead', 'editor'],
  'watch-terms.write': ['admin', 'lead'],
  'integrations.manage': ['admin'],
  'audit.read': ['admin', 'lead'],
  'users.manage': ['admin'],
  'reports.read': ['admin', 'lead'],
  // Leads see the policies they work under; only administrators change them.
  'settings.read': ['admin', 'lead'],
  'settings.write': ['admin'],
  // The system's health (queues, failures, sources, backups): who runs the desk and the server.
  'health.read': ['admin', 'lead'],
};

/**
 * What a route requires: a permission, any signed-in user (`authenticated`: your own sessions,
 * tokens, two-factor) or nothing (`public`: published content, tips, health, signing in).
 */
export type RouteAccess = Permission | 'public' | 'authenticated';

/** Whether the string names a route access level (checked when routes are registered). */
export function isRouteAccess(value: unknown): value is RouteAccess {
  return (
    value === 'public' ||
    value === 'authenticated' ||
    (typeof value === 'string' && Object.hasOwn(grants, value))
  );
}

/** Whether a role may use a route of this access level (ignoring token scopes). */
export function roleAllows(role: Role, access: RouteAccess): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return grants[access].includes(role);
}

/** Throws unless the principal may use a route of this access level. */
export function authorizeRoute(principal: Principal, access: RouteAccess): void {
  if (access === 'public') return;
  if (access === 'authenticated') {
    if (!principal.user) throw new UnauthenticatedError();
    return;
  }
  authorize(principal, access);
}

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
