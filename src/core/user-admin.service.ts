/**
 * Administering accounts: the list, roles, disabling and enabling (disabling ends every
 * session), and resetting a lost second factor. Hashes and secrets never leave the repository.
 */
import { ConstraintViolationError, NotFoundError } from './errors.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { applied, definedOnly } from './service-support.js';
import type { Role, UserAccount } from './types.js';

export interface UserAccountUpdate {
  role?: Role | undefined;
  displayName?: string | undefined;
  disabled?: boolean | undefined;
}

export function createUserAdminService(repos: Repositories, clock: Clock) {
  return {
    /**
     * Colleagues' names and roles, for assigning claims, filtering the queue and @mentions: what
     * every member of the desk may see (no e-mail addresses, no sign-in details).
     */
    async directory(
      principal: Principal,
    ): Promise<Array<{ id: string; displayName: string; role: string; handle: string }>> {
      authorize(principal, 'claims.read');
      const accounts = await repos.users.listAccounts();
      return accounts
        .filter((a) => !a.disabledAt)
        .map((a) => ({
          id: a.id,
          displayName: a.displayName,
          role: a.role,
          // What an @mention of them is written with (see mentions.ts).
          handle: a.email.split('@')[0] ?? a.email,
        }));
    },

    list(principal: Principal): Promise<UserAccount[]> {
      authorize(principal, 'users.manage');
      return repos.users.listAccounts();
    },

    async get(principal: Principal, id: string): Promise<UserAccount> {
      authorize(principal, 'users.manage');
      const account = await repos.users.findAccount(id);
      if (!account) throw new NotFoundError('User', id);
      return account;
    },

    /** Changes role, name or disabled state; never leaves the instance without an admin. */
    async update(
      principal: Principal,
      id: string,
      version: number,
      input: UserAccountUpdate,
    ): Promise<UserAccount> {
      authorize(principal, 'users.manage');
      const now = clock();
      return repos.transaction(async (tx) => {
        const before = await tx.users.findAccount(id);
        if (!before) throw new NotFoundError('User', id);
        const disabledAt =
          input.disabled === undefined
            ? undefined
            : input.disabled
              ? (before.disabledAt ?? now)
              : null;
        const updated = applied(
          await tx.users.updateAccount(id, version, {
            role: input.role,
            displayName: input.displayName?.trim(),
            disabledAt,
          }),
          'User',
          id,
          version,
        );
        const wasActiveAdmin = before.role === 'admin' && !before.disabledAt;
        const isActiveAdmin = updated.role === 'admin' && !updated.disabledAt;
        if (wasActiveAdmin && !isActiveAdmin && (await tx.users.countActiveAdmins()) === 0) {
          throw new ConstraintViolationError(
            'This is the last active administrator; make someone else an administrator first.',
          );
        }
        const sessionsRevoked =
          updated.disabledAt && !before.disabledAt
            ? await tx.sessions.revokeAllForUser(id, now)
            : 0;
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.updated',
          entityType: 'user',
          entityId: id,
          occurredAt: now,
          data: { ...definedOnly(input), sessionsRevoked },
        });
        return updated;
      });
    },

    /** Clears a user's two-factor sign-in (a lost phone); their sessions end. */
    async resetTwoFactor(principal: Principal, id: string): Promise<UserAccount> {
      authorize(principal, 'users.manage');
      const now = clock();
      return repos.transaction(async (tx) => {
        const account = await tx.users.findAccount(id);
        if (!account) throw new NotFoundError('User', id);
        await tx.users.setTotp(id, null, null);
        await tx.users.replaceRecoveryCodes(id, []);
        const sessionsRevoked = await tx.sessions.revokeAllForUser(id, now);
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.totp_reset',
          entityType: 'user',
          entityId: id,
          occurredAt: now,
          data: { sessionsRevoked },
        });
        return { ...account, totpEnabled: false };
      });
    },
  };
}
export type UserAdminService = ReturnType<typeof createUserAdminService>;
