import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { CategoryService } from '../../../core/category.service.js';
import { IdParams, errorResponses, pageOf, plain, plainPage } from '../common.js';
import {
  CategoryCreateSchema,
  CategoryListQuery,
  CategorySchema,
  CategoryUpdateSchema,
} from './schema.js';

/** /api/v1/categories */
export async function categoryRoutes(
  appBase: FastifyInstance,
  { categories }: { categories: CategoryService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['categories'];

  app.get(
    '/categories',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'List categories',
        querystring: CategoryListQuery,
        response: { 200: pageOf(CategorySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 25, cursor, q } = request.query;
      return plainPage(await categories.list({ limit, cursor, filter: { q } }));
    },
  );

  app.get(
    '/categories/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Get a category',
        params: IdParams,
        response: { 200: CategorySchema, ...errorResponses },
      },
    },
    async (request) => plain(await categories.get(request.params.id)),
  );

  app.post(
    '/categories',
    {
      config: { permission: 'categories.write' },
      schema: {
        tags,
        summary: 'Create a category',
        body: CategoryCreateSchema,
        response: { 201: CategorySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(plain(await categories.create(request.principal, request.body))),
  );

  app.patch(
    '/categories/:id',
    {
      config: { permission: 'categories.write' },
      schema: {
        tags,
        summary: 'Update a category',
        params: IdParams,
        body: CategoryUpdateSchema,
        response: { 200: CategorySchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(await categories.update(request.principal, request.params.id, version, rest));
    },
  );
}
