import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ValidationError } from '../../../core/errors.js';
import type { IntegrationService } from '../../../core/integration.service.js';
import { WEBHOOK_SIGNATURE_HEADER } from '../../../core/webhook-signature.js';
import { DateTime, IdParams, Nullable, Uuid, errorResponses, plain } from '../common.js';

const DeliverySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          url: Type.Optional(Type.String({ maxLength: 2048 })),
          title: Type.Optional(Type.String({ maxLength: 1000 })),
          text: Type.Optional(Type.String({ maxLength: 100_000 })),
          language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
          publishedAt: Type.Optional(DateTime),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

const IntegrationSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  enabled: Type.Boolean(),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
});

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

/** /api/v1/integrations and the signed inbound webhook /api/v1/webhooks/{integration id}. */
export async function webhookRoutes(
  appBase: FastifyInstance,
  { integrations }: { integrations: IntegrationService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/integrations',
    {
      config: { permission: 'integrations.manage' },
      schema: {
        tags: ['integrations'],
        summary: 'Create an integration (admin); its webhook secret is shown once',
        security: [{ bearer: [] }],
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Intersect([IntegrationSchema, Type.Object({ secret: Type.String() })]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(plain(await integrations.create(request.principal, request.body.name))),
  );
  app.get(
    '/integrations',
    {
      config: { permission: 'integrations.manage' },
      schema: {
        tags: ['integrations'],
        summary: 'List integrations (admin)',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(IntegrationSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: plain(await integrations.list(request.principal)) }),
  );

  // The signature covers the exact bytes sent, so this route keeps the raw body.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      (request: FastifyRequest, body: Buffer, done) => {
        request.rawBody = body;
        try {
          done(null, JSON.parse(body.toString('utf8')) as unknown);
        } catch {
          const error = new Error('The body is not valid JSON.') as Error & { statusCode: number };
          error.statusCode = 400;
          done(error, undefined);
        }
      },
    );
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/webhooks/:id',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['integrations'],
          summary: 'Signed inbound webhook: items from an integration',
          description: `Header \`${WEBHOOK_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">\`; deliveries older than 5 minutes or seen before are refused. All items are stored or none.`,
          params: IdParams,
          body: DeliverySchema,
          response: {
            202: Type.Object({
              items: Type.Array(
                Type.Object({
                  itemId: Uuid,
                  created: Type.Boolean(),
                  counted: Type.Boolean(),
                  sightingsCount: Type.Integer(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        if (!request.rawBody) throw new ValidationError([{ field: 'body', message: 'missing' }]);
        const outcomes = await integrations.deliver({
          integrationId: request.params.id,
          rawBody: request.rawBody,
          signatureHeader: request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()],
          items: request.body.items.map(({ publishedAt, ...item }) => ({
            ...item,
            publishedAt: publishedAt ? new Date(publishedAt) : undefined,
          })),
        });
        return reply.status(202).send({ items: outcomes });
      },
    );
  });
}
