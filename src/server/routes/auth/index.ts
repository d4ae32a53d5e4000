import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AccountTokenService } from '../../../core/account-token.service.js';
import type { AuthService } from '../../../core/auth.service.js';
import type { TwoFactorService } from '../../../core/two-factor.service.js';
import { clientContext } from '../../client-context.js';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../../plugins/auth.js';
import { IdParams, errorResponses, plain, problemResponse } from '../common.js';
import {
  CodeSchema,
  InvitationAcceptSchema,
  LoginSchema,
  PasswordChangeSchema,
  RecoveryCodesSchema,
  ResetCompleteSchema,
  ResetRequestSchema,
  SessionBodySchema,
  SessionInfoSchema,
  TotpDisableSchema,
} from './schema.js';

export interface AuthRouteOptions {
  auth: AuthService;
  twoFactor: TwoFactorService;
  accountTokens: AccountTokenService;
  baseUrl: string;
}

const authErrors = { ...errorResponses, 410: problemResponse, 429: problemResponse };

/** /api/v1/auth: signing in and out, sessions, two-factor, password reset, invitations. */
export async function authRoutes(appBase: FastifyInstance, options: AuthRouteOptions) {
  const { auth, twoFactor, accountTokens, baseUrl } = options;
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];
  // What an administrator still setting up two-factor sign-in may reach.
  const setup = { permission: 'authenticated', allowDuringTotpSetup: true } as const;

  app.post(
    '/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Sign in; sets the kc_session cookie and returns the CSRF token',
        description:
          'Failures: 401 `invalid_credentials` (the same for unknown e-mails), `totp_required`, `totp_invalid`; 429 with Retry-After after too many failures for the account or the address.',
        body: LoginSchema,
        response: { 200: SessionBodySchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const result = await auth.login(
        request.body,
        clientContext(request),
        request.cookies[SESSION_COOKIE],
      );
      setSessionCookie(reply, request, baseUrl, result.sessionToken, result.expiresAt);
      return {
        user: result.user,
        csrfToken: result.csrfToken,
        totpSetupRequired: result.totpSetupRequired,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: setup,
      schema: {
        tags,
        summary: 'Sign out of this session',
        response: { 204: Type.Null(), ...authErrors },
      },
    },
    async (request, reply) => {
      await auth.logout(request.principal);
      clearSessionCookie(reply, request, baseUrl);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: setup,
      schema: {
        tags,
        summary: 'Who is signed in, and the session’s CSRF token (null with an API token)',
        response: {
          200: Type.Object({
            user: SessionBodySchema.properties.user,
            csrfToken: Type.Union([Type.String(), Type.Null()]),
            totpSetupRequired: Type.Boolean(),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { totpSetupRequired, ...user } = await auth.me(request.principal);
      return { user, csrfToken: request.csrfToken, totpSetupRequired };
    },
  );

  app.get(
    '/auth/sessions',
    {
      config: setup,
      schema: {
        tags,
        summary: 'Your live sessions',
        response: { 200: Type.Object({ items: Type.Array(SessionInfoSchema) }), ...authErrors },
      },
    },
    async (request) => ({ items: plain(await auth.listSessions(request.principal)) }),
  );

  app.delete(
    '/auth/sessions/:id',
    {
      config: setup,
      schema: {
        tags,
        summary: 'Sign one of your sessions out',
        params: IdParams,
        response: { 204: Type.Null(), ...authErrors },
      },
    },
    async (request, reply) => {
      await auth.revokeSession(request.principal, request.params.id);
      if (request.params.id === request.principal.sessionId) {
        clearSessionCookie(reply, request, baseUrl);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Change your password (your other sessions end)',
        body: PasswordChangeSchema,
        response: { 204: Type.Null(), ...authErrors },
      },
    },
    async (request, reply) => {
      await auth.changePassword(request.principal, request.body, clientContext(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/totp',
    {
      config: setup,
      schema: {
        tags,
        summary: 'Whether two-factor sign-in is on, and recovery codes left',
        response: {
          200: Type.Object({ enabled: Type.Boolean(), recoveryCodesLeft: Type.Integer() }),
          ...authErrors,
        },
      },
    },
    async (request) => twoFactor.status(request.principal),
  );

  app.post(
    '/auth/totp/setup',
    {
      config: setup,
      schema: {
        tags,
        summary: 'Start setting up two-factor sign-in: a secret and its otpauth:// URI',
        response: {
          200: Type.Object({ secret: Type.String(), uri: Type.String() }),
          ...authErrors,
        },
      },
    },
    async (request) => twoFactor.beginSetup(request.principal),
  );

  app.post(
    '/auth/totp/confirm',
    {
      config: setup,
      schema: {
        tags,
        summary: 'Confirm the set-up with a code; returns 10 recovery codes, shown once',
        body: CodeSchema,
        response: { 200: RecoveryCodesSchema, ...authErrors },
      },
    },
    async (request) => twoFactor.confirmSetup(request.principal, request.body.code),
  );

  app.post(
    '/auth/totp/disable',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (password and a code; not for administrators)',
        body: TotpDisableSchema,
        response: { 204: Type.Null(), ...authErrors },
      },
    },
    async (request, reply) => {
      await twoFactor.disable(request.principal, request.body, clientContext(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/recovery-codes',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'New recovery codes (the old ones stop working); needs a current code',
        body: CodeSchema,
        response: { 200: RecoveryCodesSchema, ...authErrors },
      },
    },
    async (request) =>
      twoFactor.regenerateRecoveryCodes(
        request.principal,
        request.body.code,
        clientContext(request),
      ),
  );

  app.post(
    '/auth/password-reset',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Ask for a password-reset e-mail (the same answer for any address)',
        body: ResetRequestSchema,
        response: { 202: Type.Object({ status: Type.Literal('accepted') }), ...authErrors },
      },
    },
    async (request, reply) => {
      accountTokens.requestReset(request.body.email);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/password-reset/complete',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Choose a new password with a reset link’s token (every session ends)',
        description:
          'Unknown token: 400 `token_invalid`; used: 410 `token_used`; expired: 410 `token_expired`.',
        body: ResetCompleteSchema,
        response: { 200: Type.Object({ email: Type.String() }), ...authErrors },
      },
    },
    async (request) => accountTokens.completeReset(request.body),
  );

  app.post(
    '/auth/invitation/accept',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Accept an invitation: choose your password with the invitation’s token',
        description:
          'Unknown token: 400 `token_invalid`; used: 410 `token_used`; expired: 410 `token_expired`.',
        body: InvitationAcceptSchema,
        response: { 200: Type.Object({ email: Type.String() }), ...authErrors },
      },
    },
    async (request) => accountTokens.acceptInvitation(request.body),
  );
}
