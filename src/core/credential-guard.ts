/**
 * What every place that checks a password or a second factor shares: the throttle of failed
 * attempts per account and per client address, and the checks of TOTP and recovery codes.
 *
 * Attempts are counted per e-mail as typed (lower-cased), not per user row, so an unknown
 * address is throttled exactly like a known one and the answer says nothing about existence.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { decryptContact } from './contact-crypto.js';
import { RateLimitedError } from './errors.js';
import type { Clock, Repositories, UserCredentials } from './ports.js';
import { recoveryCodeHash } from './recovery-codes.js';
import { matchTotp } from './totp.js';

/** Limits on failed sign-ins in a fixed window. */
export interface ThrottleOptions {
  windowMs: number;
  maxPerAccount: number;
  maxPerAddress: number;
}

/** Where a request comes from, as the HTTP layer saw it. */
export interface ClientContext {
  /** The client address (an IPv6 address reduced to its /64 network). */
  address: string;
  userAgent?: string | undefined;
}

export interface CredentialGuardOptions {
  secretKey: string;
  throttle: ThrottleOptions;
}

/** The context under which a user's TOTP secret is encrypted (binds it to the row). */
export const totpContext = (userId: string) => `totp:${userId}`;

/** Throttle, second-factor checks and the keyed digests they use. */
export function createCredentialGuard(
  repos: Repositories,
  clock: Clock,
  options: CredentialGuardOptions,
) {
  const digestKey = Buffer.from(
    hkdfSync('sha256', options.secretKey, new Uint8Array(0), 'kiemchung login throttle v1', 32),
  );
  const digest = (kind: string, value: string) =>
    `${kind}:${createHmac('sha256', digestKey).update(value).digest('base64url')}`;
  const keysOf = (email: string, client: ClientContext) => ({
    account: digest('a', email.trim().toLowerCase()),
    address: digest('i', client.address),
  });

  return {
    /** A keyed digest of the client address (sessions keep it instead of the address). */
    addressDigest: (client: ClientContext) => digest('i', client.address),

    /** Refuses with 429 (and how long to wait) while the account or the address is blocked. */
    async assertNotThrottled(email: string, client: ClientContext): Promise<void> {
      const keys = keysOf(email, client);
      const now = clock();
      const until = await repos.loginThrottle.blockedUntil([keys.account, keys.address], now);
      if (until) {
        const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
        throw new RateLimitedError(
          `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
          seconds,
        );
      }
    },

    async recordFailure(email: string, client: ClientContext): Promise<void> {
      const keys = keysOf(email, client);
      await repos.loginThrottle.recordFailure(
        [
          { key: keys.account, max: options.throttle.maxPerAccount },
          { key: keys.address, max: options.throttle.maxPerAddress },
        ],
        clock(),
        options.throttle.windowMs,
      );
    },

    /** A successful sign-in forgets the account's failures (not the address's). */
    async recordSuccess(email: string, client: ClientContext): Promise<void> {
      await repos.loginThrottle.clear(keysOf(email, client).account);
    },

    /**
     * Checks a TOTP code (each time step accepted once) or a recovery code (each used once)
     * against an account with two-factor sign-in on.
     */
    async secondFactorValid(
      credentials: UserCredentials,
      input: { totp?: string | undefined; recoveryCode?: string | undefined },
    ): Promise<boolean> {
      const userId = credentials.user.id;
      if (input.totp !== undefined && credentials.totpSecretEncrypted) {
        const secret = decryptContact(
          credentials.totpSecretEncrypted,
          options.secretKey,
          totpContext(userId),
        );
        const step = matchTotp(secret, input.totp, clock());
        return step !== null && (await repos.users.advanceTotpStep(userId, step));
      }
      if (input.recoveryCode !== undefined) {
        return repos.users.useRecoveryCode(userId, recoveryCodeHash(input.recoveryCode), clock());
      }
      return false;
    },
  };
}
export type CredentialGuard = ReturnType<typeof createCredentialGuard>;
