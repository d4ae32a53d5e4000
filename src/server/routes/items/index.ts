import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ItemService } from '../../../core/item.service.js';
import { IdParams, errorResponses, pageOf, plain, plainPage, toDate } from '../common.js';
import {
  ItemCreateSchema,
  ItemIntakeSchema,
  ItemListQuery,
  ItemSchema,
  ItemUpdateSchema,
} from './schema.js';

/** /api/v1/items */
export async function itemRoutes(appBase: FastifyInstance, { items }: { items: ItemService }) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['items'];

  app.get(
    '/items',
    {
      config: { permission: 'items.read' },
      schema: {
        tags,
        summary: 'List items',
        querystring: ItemListQuery,
        response: { 200: pageOf(ItemSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 25, cursor, q, status, channel, source, cluster } = request.query;
      return plainPage(
        await items.list({
          limit,
          cursor,
          filter: { q, status, channel, sourceId: source, clusterId: cluster },
        }),
      );
    },
  );

  app.get(
    '/items/:id',
    {
      config: { permission: 'items.read' },
      schema: {
        tags,
        summary: 'Get an item',
        params: IdParams,
        response: { 200: ItemSchema, ...errorResponses },
      },
    },
    async (request) => plain(await items.get(request.params.id)),
  );

  app.post(
    '/items',
    {
      config: { permission: 'items.create' },
      schema: {
        tags,
        summary: 'Hand in an item',
        description:
          'Stored once per canonical URL or content: a repeat returns 200 with the existing item and one more sighting.',
        body: ItemCreateSchema,
        response: { 200: ItemIntakeSchema, 201: ItemIntakeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { publishedAt, channel = 'api', ...rest } = request.body;
      const intake = await items.create(request.principal, {
        ...rest,
        channel,
        publishedAt: toDate(publishedAt) ?? undefined,
      });
      return reply.status(intake.created ? 201 : 200).send(plain(intake));
    },
  );

  app.patch(
    '/items/:id',
    {
      config: { permission: 'items.update' },
      schema: {
        tags,
        summary: 'Update an item',
        params: IdParams,
        body: ItemUpdateSchema,
        response: { 200: ItemSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(await items.update(request.principal, request.params.id, version, rest));
    },
  );
}
