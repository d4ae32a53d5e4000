import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { StatementService } from '../../../core/statement.service.js';
import { IdParams, errorResponses, pageOf, plain, plainPage, toDate } from '../common.js';
import {
  StatementCreateSchema,
  StatementListQuery,
  StatementSchema,
  StatementUpdateSchema,
} from './schema.js';

/** /api/v1/statements */
export async function statementRoutes(
  appBase: FastifyInstance,
  { statements }: { statements: StatementService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['statements'];

  app.get(
    '/statements',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'List statements',
        querystring: StatementListQuery,
        response: { 200: pageOf(StatementSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 25, cursor, q, status, category } = request.query;
      return plainPage(
        await statements.list(request.principal, {
          limit,
          cursor,
          filter: { q, status, categoryId: category },
        }),
      );
    },
  );

  app.get(
    '/statements/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Get a statement',
        params: IdParams,
        response: { 200: StatementSchema, ...errorResponses },
      },
    },
    async (request) => plain(await statements.get(request.principal, request.params.id)),
  );

  app.post(
    '/statements',
    {
      config: { permission: 'statements.write' },
      schema: {
        tags,
        summary: 'Create a statement',
        body: StatementCreateSchema,
        response: { 201: StatementSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { issuedAt, ...rest } = request.body;
      return reply
        .status(201)
        .send(
          plain(
            await statements.create(request.principal, { ...rest, issuedAt: toDate(issuedAt) }),
          ),
        );
    },
  );

  app.patch(
    '/statements/:id',
    {
      config: { permission: 'statements.write' },
      schema: {
        tags,
        summary: 'Update a statement',
        params: IdParams,
        body: StatementUpdateSchema,
        response: { 200: StatementSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, issuedAt, ...rest } = request.body;
      return plain(
        await statements.update(request.principal, request.params.id, version, {
          ...rest,
          issuedAt: toDate(issuedAt),
        }),
      );
    },
  );
}
