import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { WatchTermService } from '../../../core/watch-term.service.js';
import { DateTime, IdParams, Uuid, errorResponses, plain } from '../common.js';

const WatchTermSchema = Type.Object({ id: Uuid, term: Type.String(), createdAt: DateTime });

/** /api/v1/watch-terms: words and phrases that raise an item's relevance. */
export async function watchTermRoutes(
  appBase: FastifyInstance,
  { watchTerms }: { watchTerms: WatchTermService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['watch terms'];
  app.get(
    '/watch-terms',
    {
      config: { permission: 'items.update' },
      schema: {
        tags,
        summary: 'List watch terms',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(WatchTermSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: plain(await watchTerms.list(request.principal)) }),
  );
  app.post(
    '/watch-terms',
    {
      config: { permission: 'watch-terms.write' },
      schema: {
        tags,
        summary: 'Add a watch term (matched without diacritics)',
        security: [{ bearer: [] }],
        body: Type.Object(
          { term: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 201: WatchTermSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(plain(await watchTerms.add(request.principal, request.body.term))),
  );
  app.delete(
    '/watch-terms/:id',
    {
      config: { permission: 'watch-terms.write' },
      schema: {
        tags,
        summary: 'Remove a watch term',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await watchTerms.remove(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
