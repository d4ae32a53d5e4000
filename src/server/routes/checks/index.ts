import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { CheckService } from '../../../core/check.service.js';
import { IdParams, errorResponses, pageOf, plain, plainPage } from '../common.js';
import {
  CheckCreateSchema,
  CheckListQuery,
  CheckSchema,
  CheckUpdateSchema,
  CheckVersionsSchema,
} from './schema.js';

/** /api/v1/checks */
export async function checkRoutes(appBase: FastifyInstance, { checks }: { checks: CheckService }) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['checks'];

  app.get(
    '/checks',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'List checks',
        querystring: CheckListQuery,
        response: { 200: pageOf(CheckSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 25, cursor, q, status, category, rating } = request.query;
      return plainPage(
        await checks.list(request.principal, {
          limit,
          cursor,
          filter: { q, status, categoryId: category, rating },
        }),
      );
    },
  );

  app.get(
    '/checks/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Get a check',
        params: IdParams,
        response: { 200: CheckSchema, ...errorResponses },
      },
    },
    async (request) => plain(await checks.get(request.principal, request.params.id)),
  );

  app.get(
    '/checks/:id/versions',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "A check's saved versions and public corrections",
        params: IdParams,
        response: { 200: CheckVersionsSchema, ...errorResponses },
      },
    },
    async (request) => plain(await checks.history(request.principal, request.params.id)),
  );

  app.post(
    '/checks',
    {
      config: { permission: 'checks.write' },
      schema: {
        tags,
        summary: 'Start a check of a claim',
        body: CheckCreateSchema,
        response: { 201: CheckSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(plain(await checks.create(request.principal, request.body))),
  );

  app.patch(
    '/checks/:id',
    {
      config: { permission: 'checks.write' },
      schema: {
        tags,
        summary: 'Update, approve, publish, unpublish or correct a check',
        description:
          'Publishing needs a rating, a summary, at least one evidence item and an approver who is not the author. Changing a published check needs a correctionReason, shown to readers.',
        params: IdParams,
        body: CheckUpdateSchema,
        response: { 200: CheckSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(await checks.update(request.principal, request.params.id, version, rest));
    },
  );
}
