import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AccountTokenService } from '../../../core/account-token.service.js';
import { ROLES } from '../../../core/types.js';
import type { UserAdminService } from '../../../core/user-admin.service.js';
import { DateTime, IdParams, Nullable, Uuid, Version, errorResponses, plain } from '../common.js';

const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

const UserSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  disabledAt: Nullable(DateTime),
  hasPassword: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  lastLoginAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
});

const LinkDeliverySchema = Type.Object({
  expiresAt: DateTime,
  delivery: Type.Union([Type.Literal('email'), Type.Literal('link')]),
  link: Type.Optional(Type.String({ description: 'Only without SMTP: pass it on to the person' })),
});

const InviteSchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
  },
  { additionalProperties: false },
);

const UserUpdateSchema = Type.Object(
  {
    version: Version,
    role: Type.Optional(RoleSchema),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** /api/v1/users: accounts, for administrators. */
export async function userRoutes(
  appBase: FastifyInstance,
  { userAdmin, accountTokens }: { userAdmin: UserAdminService; accountTokens: AccountTokenService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];
  const config = { permission: 'users.manage' } as const;

  app.get(
    '/users',
    {
      config,
      schema: {
        tags,
        summary: 'List accounts',
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: plain(await userAdmin.list(request.principal)) }),
  );

  app.get(
    '/users/directory',
    {
      config: { permission: 'claims.read' },
      schema: {
        tags,
        summary: "Colleagues' names and roles (for assigning and mentioning)",
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                displayName: Type.String(),
                role: Type.String(),
                handle: Type.String({ description: 'How an @mention names them' }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await userAdmin.directory(request.principal) }),
  );

  app.get(
    '/users/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One account',
        params: IdParams,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => plain(await userAdmin.get(request.principal, request.params.id)),
  );

  app.post(
    '/users',
    {
      config,
      schema: {
        tags,
        summary: 'Invite someone: creates the account and an invitation link (7 days)',
        body: InviteSchema,
        response: {
          201: Type.Object({ user: UserSchema, invitation: LinkDeliverySchema }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(plain(await accountTokens.invite(request.principal, request.body))),
  );

  app.patch(
    '/users/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Change role or name, disable (ends every session) or enable',
        params: IdParams,
        body: UserUpdateSchema,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(await userAdmin.update(request.principal, request.params.id, version, rest));
    },
  );

  app.post(
    '/users/:id/totp-reset',
    {
      config,
      schema: {
        tags,
        summary: 'Clear the account’s two-factor sign-in (a lost phone); its sessions end',
        params: IdParams,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => plain(await userAdmin.resetTwoFactor(request.principal, request.params.id)),
  );

  app.post(
    '/users/:id/password-reset',
    {
      config,
      schema: {
        tags,
        summary: 'Start a password reset (1 hour); the link is returned when there is no SMTP',
        params: IdParams,
        response: { 200: LinkDeliverySchema, ...errorResponses },
      },
    },
    async (request) => plain(await accountTokens.adminReset(request.principal, request.params.id)),
  );

  app.post(
    '/users/:id/invitation',
    {
      config,
      schema: {
        tags,
        summary: 'A new invitation link for an account that has not chosen a password yet',
        params: IdParams,
        response: { 200: LinkDeliverySchema, ...errorResponses },
      },
    },
    async (request) => plain(await accountTokens.reinvite(request.principal, request.params.id)),
  );
}
