/**
 * Signing in and out, and browser sessions: random tokens of which only the hash is stored,
 * a new session at every sign-in (the one the browser held is revoked), an idle limit and an
 * absolute limit, and a CSRF token per session.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from './audit.js';
import type { ClientContext, CredentialGuard } from './credential-guard.js';
import {
  InvalidCredentialsError,
  NotFoundError,
  SessionExpiredError,
  TotpError,
  UnauthenticatedError,
  ValidationError,
} from './errors.js';
import {
  assertPasswordAcceptable,
  hashPassword,
  verifyDummyPassword,
  verifyPassword,
} from './password.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { hashToken } from './tokens.js';
import type { Role, SessionInfo, User } from './types.js';

export interface SessionOptions {
  idleMs: number;
  absoluteMs: number;
}

/** The signed-in user as the desk sees it. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

/** A new session: the token goes into the cookie and nowhere else. */
export interface LoginResult {
  user: AuthUser;
  csrfToken: string;
  sessionToken: string;
  expiresAt: Date;
  /** An administrator without two-factor sign-in may only set it up in this session. */
  totpSetupRequired: boolean;
}

/** The outcome of presenting a session cookie. */
export type SessionCheck =
  | { state: 'valid'; principal: Principal; csrfToken: string }
  | { state: 'expired' }
  | { state: 'unknown' };

// Writing last_seen_at on every request would turn each read into a write.
const TOUCH_INTERVAL_MS = 60_000;

const needsTotpSetup = (role: Role, totpEnabled: boolean) => role === 'admin' && !totpEnabled;

function userView(user: User, totpEnabled: boolean): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    totpEnabled,
  };
}

export function createAuthService(
  repos: Repositories,
  clock: Clock,
  guard: CredentialGuard,
  options: SessionOptions,
) {
  const signedIn = (principal: Principal) => {
    if (!principal.user) throw new UnauthenticatedError();
    return principal.user;
  };
  const userActor = (id: string): Actor => ({ kind: 'user', id });

  return {
    /**
     * Signs in. Every failure before the second factor is the same 401, after the same
     * argon2 work, whether the account exists or not; failures count towards the throttle.
     */
    async login(
      input: LoginInput,
      client: ClientContext,
      previousSessionToken?: string,
    ): Promise<LoginResult> {
      const email = input.email.trim();
      await guard.assertNotThrottled(email, client);
      const credentials = await repos.users.findCredentialsByEmail(email);
      const passwordOk = credentials?.passwordHash
        ? await verifyPassword(credentials.passwordHash, input.password)
        : await verifyDummyPassword(input.password);
      if (!credentials || !passwordOk || credentials.user.disabledAt) {
        await guard.recordFailure(email, client);
        throw new InvalidCredentialsError();
      }
      const totpEnabled = credentials.totpEnabledAt !== null;
      if (totpEnabled) {
        if (input.totp === undefined && input.recoveryCode === undefined) {
          throw new TotpError('totp_required');
        }
        if (!(await guard.secondFactorValid(credentials, input))) {
          await guard.recordFailure(email, client);
          throw new TotpError('totp_invalid');
        }
      }
      await guard.recordSuccess(email, client);

      const now = clock();
      const user = credentials.user;
      const sessionToken = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + options.absoluteMs);
      await repos.transaction(async (tx) => {
        // Rotation: whatever session this browser held ends with the new sign-in.
        if (previousSessionToken) {
          const previous = await tx.sessions.findByTokenHash(hashToken(previousSessionToken));
          if (previous) {
            await tx.sessions.revoke(previous.session.userId, previous.session.id, now);
          }
        }
        const session = await tx.sessions.create({
          userId: user.id,
          tokenHash: hashToken(sessionToken),
          csrfToken,
          createdAt: now,
          expiresAt,
          userAgent: client.userAgent?.slice(0, 300) ?? null,
          ipHash: guard.addressDigest(client),
        });
        await tx.users.recordLogin(user.id, now);
        await tx.audit.append({
          actor: userActor(user.id),
          action: 'user.signed_in',
          entityType: 'user',
          entityId: user.id,
          occurredAt: now,
          data: {
            sessionId: session.id,
            secondFactor: !totpEnabled ? 'none' : input.totp !== undefined ? 'totp' : 'recovery',
          },
        });
      });
      return {
        user: userView(user, totpEnabled),
        csrfToken,
        sessionToken,
        expiresAt,
        totpSetupRequired: needsTotpSetup(user.role, totpEnabled),
      };
    },

    /** The principal behind a session cookie, if the session is live. */
    async checkSession(token: string): Promise<SessionCheck> {
      const found = await repos.sessions.findByTokenHash(hashToken(token));
      if (!found) return { state: 'unknown' };
      const { session, user, totpEnabled } = found;
      const now = clock();
      const idleEnd = session.lastSeenAt.getTime() + options.idleMs;
      if (
        session.revokedAt ||
        user.disabledAt ||
        session.expiresAt.getTime() <= now.getTime() ||
        idleEnd <= now.getTime()
      ) {
        return { state: 'expired' };
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        await repos.sessions.touch(session.id, now);
      }
      return {
        state: 'valid',
        csrfToken: session.csrfToken,
        principal: {
          actor: userActor(user.id),
          user,
          sessionId: session.id,
          totpSetupRequired: needsTotpSetup(user.role, totpEnabled),
        },
      };
    },

    /** Ends the current session (a request made with an API token ends nothing). */
    async logout(principal: Principal): Promise<void> {
      const user = signedIn(principal);
      if (principal.sessionId) await repos.sessions.revoke(user.id, principal.sessionId, clock());
    },

    /** Who is signed in. */
    async me(principal: Principal): Promise<AuthUser & { totpSetupRequired: boolean }> {
      const user = signedIn(principal);
      const account = await repos.users.findAccount(user.id);
      if (!account) throw new SessionExpiredError();
      return {
        ...userView(account, account.totpEnabled),
        totpSetupRequired: needsTotpSetup(account.role, account.totpEnabled),
      };
    },

    /** Your live sessions, the current one marked. */
    async listSessions(principal: Principal): Promise<Array<SessionInfo & { current: boolean }>> {
      const user = signedIn(principal);
      const sessions = await repos.sessions.listLive(user.id, clock());
      const idleCutoff = clock().getTime() - options.idleMs;
      return sessions
        .filter((s) => s.lastSeenAt.getTime() > idleCutoff)
        .map((s) => ({ ...s, current: s.id === principal.sessionId }));
    },

    /** Signs one of your sessions out (another browser, a lost phone). */
    async revokeSession(principal: Principal, sessionId: string): Promise<void> {
      const user = signedIn(principal);
      const now = clock();
      await repos.transaction(async (tx) => {
        if (!(await tx.sessions.revoke(user.id, sessionId, now))) {
          throw new NotFoundError('Session', sessionId);
        }
        await tx.audit.append({
          actor: principal.actor,
          action: 'session.revoked',
          entityType: 'user',
          entityId: user.id,
          occurredAt: now,
          data: { sessionId },
        });
      });
    },

    /** Changes your password; every other session of yours ends. */
    async changePassword(
      principal: Principal,
      input: { currentPassword: string; newPassword: string },
      client: ClientContext,
    ): Promise<void> {
      const user = signedIn(principal);
      const credentials = await repos.users.findCredentialsById(user.id);
      if (!credentials) throw new SessionExpiredError();
      await guard.assertNotThrottled(user.email, client);
      const ok =
        credentials.passwordHash !== null &&
        (await verifyPassword(credentials.passwordHash, input.currentPassword));
      if (!ok) {
        await guard.recordFailure(user.email, client);
        throw new ValidationError([{ field: 'currentPassword', message: 'is not your password' }]);
      }
      assertPasswordAcceptable(input.newPassword, user.email, 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock();
      await repos.transaction(async (tx) => {
        await tx.users.setPassword(user.id, passwordHash, now);
        await tx.sessions.revokeAllForUser(user.id, now, principal.sessionId);
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.password_changed',
          entityType: 'user',
          entityId: user.id,
          occurredAt: now,
        });
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
