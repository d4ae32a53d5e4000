/**
 * Invitations and password resets by single-use, expiring links (only the token's hash is
 * stored). With SMTP configured the link goes by e-mail; without it, the administrator who
 * invited or asked for the reset gets the link to pass on. A reset asked for from the sign-in
 * page answers the same whether the address is known or not.
 */
import { randomBytes } from 'node:crypto';
import { AccountTokenError, ConstraintViolationError, NotFoundError } from './errors.js';
import { assertPasswordAcceptable, hashPassword } from './password.js';
import { authorize } from './policy.js';
import type { AccountTokenPurpose, Clock, Mailer, Principal, Repositories } from './ports.js';
import { hashToken } from './tokens.js';
import type { Role, UserAccount } from './types.js';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
export const RESET_TTL_MS = 3_600_000;

export interface AccountTokenOptions {
  /** Public URL of the instance; links point at the desk under it. */
  baseUrl: string;
  /** Undefined when no SMTP server is configured. */
  mailer?: Mailer | undefined;
  /** Told about e-mail that could not be sent (the request itself still succeeds). */
  onMailError?: ((error: unknown) => void) | undefined;
}

/** How a link reached (or is to reach) its recipient. */
export interface LinkDelivery {
  expiresAt: Date;
  /** `email` when sent; otherwise `link` is given to the administrator to pass on. */
  delivery: 'email' | 'link';
  link?: string | undefined;
}

const PATHS: Record<AccountTokenPurpose, string> = {
  invitation: '/desk/invitation',
  password_reset: '/desk/reset-password',
};

function message(purpose: AccountTokenPurpose, link: string, name: string) {
  return purpose === 'invitation'
    ? {
        subject: 'Lời mời tham gia Kiểm Chứng / Invitation to Kiểm Chứng',
        text: `Xin chào ${name},\n\nBạn được mời tham gia bàn kiểm chứng. Đặt mật khẩu tại liên kết sau (hết hạn sau 7 ngày):\n${link}\n\nYou have been invited to the fact-checking desk. Choose a password here (valid for 7 days):\n${link}\n`,
      }
    : {
        subject: 'Đặt lại mật khẩu Kiểm Chứng / Reset your Kiểm Chứng password',
        text: `Xin chào ${name},\n\nĐặt mật khẩu mới tại liên kết sau (hết hạn sau 1 giờ, dùng được một lần):\n${link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.\n\nChoose a new password here (valid for 1 hour, once):\n${link}\nIf you did not ask for this, ignore this message.\n`,
      };
}

export function createAccountTokenService(
  repos: Repositories,
  clock: Clock,
  options: AccountTokenOptions,
) {
  /** Issues a link for the user, retiring older ones of the same purpose. */
  async function issue(
    tx: Repositories,
    purpose: AccountTokenPurpose,
    userId: string,
    createdById: string | null,
  ): Promise<{ link: string; expiresAt: Date }> {
    const now = clock();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      now.getTime() + (purpose === 'invitation' ? INVITATION_TTL_MS : RESET_TTL_MS),
    );
    await tx.accountTokens.retireOpen(userId, purpose, now);
    await tx.accountTokens.create({
      purpose,
      tokenHash: hashToken(token),
      userId,
      createdById,
      createdAt: now,
      expiresAt,
    });
    // In the fragment: browsers send it neither to the server's logs nor in Referer headers.
    return { link: `${options.baseUrl}${PATHS[purpose]}#token=${token}`, expiresAt };
  }

  /** Sends the link when SMTP is configured; otherwise (or when sending fails) returns it. */
  async function deliver(
    purpose: AccountTokenPurpose,
    to: { email: string; displayName: string },
    issued: { link: string; expiresAt: Date },
  ): Promise<LinkDelivery> {
    if (options.mailer) {
      try {
        await options.mailer.send({
          to: to.email,
          ...message(purpose, issued.link, to.displayName),
        });
        return { expiresAt: issued.expiresAt, delivery: 'email' };
      } catch (error) {
        options.onMailError?.(error);
      }
    }
    return { expiresAt: issued.expiresAt, delivery: 'link', link: issued.link };
  }

  /** The valid token of this purpose, or the precise reason it cannot be used. */
  async function usable(token: string, purpose: AccountTokenPurpose) {
    const record = await repos.accountTokens.findByHash(hashToken(token.trim()));
    if (!record || record.purpose !== purpose) throw new AccountTokenError('token_invalid');
    if (record.usedAt) throw new AccountTokenError('token_used');
    if (record.expiresAt.getTime() <= clock().getTime()) {
      throw new AccountTokenError('token_expired');
    }
    const user = await repos.users.findById(record.userId);
    if (!user) throw new AccountTokenError('token_invalid');
    return { record, user };
  }

  /** Sets the password through a link; the link is spent in the same transaction. */
  async function redeem(
    token: string,
    purpose: AccountTokenPurpose,
    password: string,
    displayName?: string,
  ): Promise<{ email: string }> {
    const { record, user } = await usable(token, purpose);
    // Checked before the link is spent, so a refused password does not burn it.
    assertPasswordAcceptable(password, user.email);
    if (purpose === 'password_reset' && user.disabledAt)
      throw new AccountTokenError('token_invalid');
    const passwordHash = await hashPassword(password);
    const now = clock();
    await repos.transaction(async (tx) => {
      if (!(await tx.accountTokens.markUsed(record.id, now))) {
        throw new AccountTokenError('token_used');
      }
      await tx.users.setPassword(user.id, passwordHash, now);
      if (displayName !== undefined && purpose === 'invitation') {
        const account = await tx.users.findAccount(user.id);
        if (account) await tx.users.updateAccount(user.id, account.version, { displayName });
      }
      // A reset is what someone does when a password may be known to others.
      const revoked = await tx.sessions.revokeAllForUser(user.id, now);
      await tx.audit.append({
        actor: { kind: 'user', id: user.id },
        action: purpose === 'invitation' ? 'user.invitation_accepted' : 'user.password_reset',
        entityType: 'user',
        entityId: user.id,
        occurredAt: now,
        data: { sessionsRevoked: revoked },
      });
    });
    return { email: user.email };
  }

  return {
    /** Creates an account (no password yet) and its invitation link. */
    async invite(
      principal: Principal,
      input: { email: string; displayName: string; role: Role },
    ): Promise<{ user: UserAccount; invitation: LinkDelivery }> {
      authorize(principal, 'users.manage');
      const now = clock();
      const { account, issued } = await repos.transaction(async (tx) => {
        const user = await tx.users.insert({
          email: input.email.trim(),
          displayName: input.displayName.trim(),
          role: input.role,
        });
        const issued = await issue(tx, 'invitation', user.id, principal.user.id);
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.invited',
          entityType: 'user',
          entityId: user.id,
          occurredAt: now,
          data: { role: input.role },
        });
        return { account: (await tx.users.findAccount(user.id))!, issued };
      });
      return { user: account, invitation: await deliver('invitation', account, issued) };
    },

    /** A new invitation link for an account that has not set its password yet. */
    async reinvite(principal: Principal, userId: string): Promise<LinkDelivery> {
      authorize(principal, 'users.manage');
      const account = await repos.users.findAccount(userId);
      if (!account) throw new NotFoundError('User', userId);
      if (account.hasPassword) {
        throw new ConstraintViolationError(
          'This account already has a password; send a password reset instead.',
        );
      }
      const issued = await repos.transaction((tx) =>
        issue(tx, 'invitation', userId, principal.user.id),
      );
      return deliver('invitation', account, issued);
    },

    /**
     * An invitation link made by the operator on the command line (`create-admin`), who is
     * trusted like the system itself.
     */
    async systemInvitation(userId: string): Promise<LinkDelivery> {
      const account = await repos.users.findAccount(userId);
      if (!account) throw new NotFoundError('User', userId);
      const issued = await repos.transaction((tx) => issue(tx, 'invitation', userId, null));
      return deliver('invitation', account, issued);
    },

    /** An administrator starts a reset for a user (link returned when there is no SMTP). */
    async adminReset(principal: Principal, userId: string): Promise<LinkDelivery> {
      authorize(principal, 'users.manage');
      const account = await repos.users.findAccount(userId);
      if (!account) throw new NotFoundError('User', userId);
      const issued = await repos.transaction(async (tx) => {
        const issued = await issue(tx, 'password_reset', userId, principal.user.id);
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.password_reset_requested',
          entityType: 'user',
          entityId: userId,
          occurredAt: clock(),
        });
        return issued;
      });
      return deliver('password_reset', account, issued);
    },

    /**
     * "Forgot my password" from the sign-in page: e-mails a link when the address belongs to an
     * active account and SMTP is configured. The caller learns nothing either way; sending does
     * not hold up the answer, so its timing says nothing either.
     */
    requestReset(email: string): void {
      const work = async () => {
        const account = await repos.users.findByEmail(email.trim());
        if (!account || account.disabledAt || !options.mailer) return;
        const issued = await repos.transaction((tx) =>
          issue(tx, 'password_reset', account.id, null),
        );
        await deliver('password_reset', account, issued);
      };
      // Not awaited: the answer must not take longer for a known address than an unknown one.
      work().catch((error: unknown) => options.onMailError?.(error));
    },

    acceptInvitation: (input: {
      token: string;
      password: string;
      displayName?: string | undefined;
    }) => redeem(input.token, 'invitation', input.password, input.displayName),

    completeReset: (input: { token: string; password: string }) =>
      redeem(input.token, 'password_reset', input.password),
  };
}
export type AccountTokenService = ReturnType<typeof createAccountTokenService>;
