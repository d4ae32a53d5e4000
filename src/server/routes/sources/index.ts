import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { SourceService } from '../../../core/source.service.js';
import { IdParams, errorResponses, pageOf, plain, plainPage } from '../common.js';
import {
  SourceCreateSchema,
  SourceHealthSchema,
  SourceListQuery,
  SourceSchema,
  SourceUpdateSchema,
} from './schema.js';

/** /api/v1/sources */
export async function sourceRoutes(
  appBase: FastifyInstance,
  { sources }: { sources: SourceService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sources'];

  app.get(
    '/sources',
    {
      config: { permission: 'sources.read' },
      schema: {
        tags,
        summary: 'List monitored sources with their health',
        querystring: SourceListQuery,
        response: { 200: pageOf(SourceSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 25, cursor, q, kind, enabled, category } = request.query;
      return plainPage(
        await sources.list({ limit, cursor, filter: { q, kind, enabled, categoryId: category } }),
      );
    },
  );

  app.get(
    '/sources/:id',
    {
      config: { permission: 'sources.read' },
      schema: {
        tags,
        summary: 'Get a source',
        params: IdParams,
        response: { 200: SourceSchema, ...errorResponses },
      },
    },
    async (request) => plain(await sources.get(request.params.id)),
  );

  app.get(
    '/sources/:id/health',
    {
      config: { permission: 'sources.read' },
      schema: {
        tags,
        summary: "A source's health: last success and error, failure score, items per day",
        params: IdParams,
        response: { 200: SourceHealthSchema, ...errorResponses },
      },
    },
    async (request) => plain(await sources.health(request.params.id)),
  );

  app.post(
    '/sources',
    {
      config: { permission: 'sources.write' },
      schema: {
        tags,
        summary: 'Add a source to monitor',
        body: SourceCreateSchema,
        response: { 201: SourceSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(plain(await sources.create(request.principal, request.body))),
  );

  app.patch(
    '/sources/:id',
    {
      config: { permission: 'sources.write' },
      schema: {
        tags,
        summary: 'Update a source',
        params: IdParams,
        body: SourceUpdateSchema,
        response: { 200: SourceSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(await sources.update(request.principal, request.params.id, version, rest));
    },
  );
}
