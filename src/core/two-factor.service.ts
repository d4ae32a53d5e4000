/**
 * Two-factor sign-in with an authenticator app (TOTP): set up (a secret and its otpauth URI,
 * confirmed with a first code), ten single-use recovery codes, and turning it off with the
 * password and a code. Required for administrators, optional for everyone else.
 */
import { encryptContact, decryptContact } from './contact-crypto.js';
import { totpContext, type ClientContext, type CredentialGuard } from './credential-guard.js';
import {
  ConstraintViolationError,
  ForbiddenError,
  SessionExpiredError,
  UnauthenticatedError,
  ValidationError,
} from './errors.js';
import { verifyPassword } from './password.js';
import type { Clock, Principal, Repositories, UserCredentials } from './ports.js';
import { generateRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';
import { createTotpSecret, matchTotp, totpUri } from './totp.js';

export interface TwoFactorOptions {
  secretKey: string;
}

export function createTwoFactorService(
  repos: Repositories,
  clock: Clock,
  guard: CredentialGuard,
  options: TwoFactorOptions,
) {
  const credentialsOf = async (principal: Principal): Promise<UserCredentials> => {
    if (!principal.user) throw new UnauthenticatedError();
    const credentials = await repos.users.findCredentialsById(principal.user.id);
    if (!credentials) throw new SessionExpiredError();
    return credentials;
  };
  return {
    /** Starts setting up: a new secret, stored pending until a first code confirms it. */
    async beginSetup(principal: Principal): Promise<{ secret: string; uri: string }> {
      const credentials = await credentialsOf(principal);
      if (credentials.totpEnabledAt) {
        throw new ConstraintViolationError(
          'Two-factor sign-in is already on; turn it off first to move it to another device.',
        );
      }
      const userId = credentials.user.id;
      const secret = createTotpSecret();
      await repos.users.setTotp(
        userId,
        encryptContact(secret, options.secretKey, totpContext(userId)),
        null,
      );
      return { secret, uri: totpUri(secret, credentials.user.email) };
    },

    /** Confirms the pending secret with a code; returns the recovery codes (shown once). */
    async confirmSetup(principal: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
      const credentials = await credentialsOf(principal);
      const userId = credentials.user.id;
      if (credentials.totpEnabledAt || !credentials.totpSecretEncrypted) {
        throw new ConstraintViolationError(
          credentials.totpEnabledAt
            ? 'Two-factor sign-in is already on.'
            : 'Start the set-up first (POST /auth/totp/setup).',
        );
      }
      const secret = decryptContact(
        credentials.totpSecretEncrypted,
        options.secretKey,
        totpContext(userId),
      );
      const now = clock();
      const step = matchTotp(secret, code, now);
      if (step === null) {
        throw new ValidationError([
          { field: 'code', message: 'does not match; check the time on your phone and retry' },
        ]);
      }
      return repos.transaction(async (tx) => {
        await tx.users.setTotp(userId, credentials.totpSecretEncrypted, now);
        await tx.users.advanceTotpStep(userId, step);
        const codes = generateRecoveryCodes();
        await tx.users.replaceRecoveryCodes(userId, codes.map(recoveryCodeHash));
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.totp_enabled',
          entityType: 'user',
          entityId: userId,
          occurredAt: now,
        });
        return { recoveryCodes: codes };
      });
    },

    /** Turns two-factor sign-in off (not for administrators, who must keep it). */
    async disable(
      principal: Principal,
      input: { password: string; code: string },
      client: ClientContext,
    ): Promise<void> {
      const credentials = await credentialsOf(principal);
      const user = credentials.user;
      if (user.role === 'admin') {
        throw new ForbiddenError('Administrators must keep two-factor sign-in on.');
      }
      if (!credentials.totpEnabledAt) {
        throw new ConstraintViolationError('Two-factor sign-in is not on.');
      }
      await guard.assertNotThrottled(user.email, client);
      const passwordOk =
        credentials.passwordHash !== null &&
        (await verifyPassword(credentials.passwordHash, input.password));
      const codeOk =
        passwordOk &&
        (await guard.secondFactorValid(
          credentials,
          /^\d{6}$/.test(input.code.trim()) ? { totp: input.code } : { recoveryCode: input.code },
        ));
      if (!passwordOk || !codeOk) {
        await guard.recordFailure(user.email, client);
        throw new ValidationError([
          !passwordOk
            ? { field: 'password', message: 'is not your password' }
            : { field: 'code', message: 'is wrong, expired or already used' },
        ]);
      }
      await repos.transaction(async (tx) => {
        await tx.users.setTotp(user.id, null, null);
        await tx.users.replaceRecoveryCodes(user.id, []);
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.totp_disabled',
          entityType: 'user',
          entityId: user.id,
          occurredAt: clock(),
        });
      });
    },

    /** New recovery codes (the old ones stop working); needs a current TOTP code. */
    async regenerateRecoveryCodes(
      principal: Principal,
      code: string,
      client: ClientContext,
    ): Promise<{ recoveryCodes: string[] }> {
      const credentials = await credentialsOf(principal);
      const user = credentials.user;
      if (!credentials.totpEnabledAt) {
        throw new ConstraintViolationError('Two-factor sign-in is not on.');
      }
      await guard.assertNotThrottled(user.email, client);
      if (!(await guard.secondFactorValid(credentials, { totp: code }))) {
        await guard.recordFailure(user.email, client);
        throw new ValidationError([
          { field: 'code', message: 'is wrong, expired or already used' },
        ]);
      }
      return repos.transaction(async (tx) => {
        const recoveryCodes = generateRecoveryCodes();
        await tx.users.replaceRecoveryCodes(user.id, recoveryCodes.map(recoveryCodeHash));
        await tx.audit.append({
          actor: principal.actor,
          action: 'user.recovery_codes_regenerated',
          entityType: 'user',
          entityId: user.id,
          occurredAt: clock(),
        });
        return { recoveryCodes };
      });
    },

    /** How many recovery codes are left. */
    async status(principal: Principal): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
      const credentials = await credentialsOf(principal);
      return {
        enabled: credentials.totpEnabledAt !== null,
        recoveryCodesLeft: await repos.users.countUnusedRecoveryCodes(credentials.user.id),
      };
    },
  };
}
export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
