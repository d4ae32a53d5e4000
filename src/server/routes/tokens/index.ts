import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TokenService } from '../../../core/token.service.js';
import { DateTime, IdParams, Nullable, Uuid, errorResponses, plain } from '../common.js';

const TokenCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.String({ maxLength: 50 }), {
      minItems: 1,
      maxItems: 30,
      description: 'Permission names (e.g. items.create) or * for everything your role allows',
    }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

const TokenSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});

/** /api/v1/tokens: your own API tokens. */
export async function tokenRoutes(appBase: FastifyInstance, { tokens }: { tokens: TokenService }) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tokens'];
  app.post(
    '/tokens',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Create an API token limited to scopes (the secret is shown once)',
        security: [{ bearer: [] }],
        body: TokenCreateSchema,
        response: {
          201: Type.Object({
            id: Uuid,
            token: Type.String(),
            name: Type.String(),
            scopes: Type.Array(Type.String()),
            expiresAt: Nullable(DateTime),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(plain(await tokens.issue(request.principal, request.body))),
  );
  app.get(
    '/tokens',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Your API tokens',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: plain(await tokens.list(request.principal)) }),
  );
  app.delete(
    '/tokens/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Revoke one of your API tokens',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await tokens.revoke(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
