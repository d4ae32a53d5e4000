import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ClaimService } from '../../../core/claim.service.js';
import type { EvidenceService } from '../../../core/evidence.service.js';
import { IdParams, errorResponses, pageOf, plain, plainPage, toDate } from '../common.js';
import { EvidenceCreateSchema, EvidenceSchema } from './evidence.schema.js';
import {
  ClaimCreateSchema,
  ClaimDetailSchema,
  ClaimListQuery,
  ClaimSchema,
  ClaimUpdateSchema,
} from './schema.js';

/** /api/v1/claims */
export async function claimRoutes(
  appBase: FastifyInstance,
  { claims, evidence }: { claims: ClaimService; evidence: EvidenceService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['claims'];

  app.get(
    '/claims',
    {
      config: { permission: 'claims.read' },
      schema: {
        tags,
        summary: 'List claims',
        querystring: ClaimListQuery,
        response: { 200: pageOf(ClaimSchema), ...errorResponses },
      },
    },
    async (request) => {
      const {
        limit = 25,
        cursor,
        q,
        status,
        category,
        priority,
        assignee,
        overdue,
      } = request.query;
      return plainPage(
        await claims.list({
          limit,
          cursor,
          filter: {
            q,
            status,
            categoryId: category,
            priority,
            assigneeId: assignee,
            overdue,
          },
        }),
      );
    },
  );

  app.get(
    '/claims/:id',
    {
      config: { permission: 'claims.read' },
      schema: {
        tags,
        summary: 'Get a claim with its linked items',
        params: IdParams,
        response: { 200: ClaimDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const claim = await claims.get(request.params.id);
      return plain({ ...claim, itemIds: await claims.itemIds(claim.id) });
    },
  );

  app.post(
    '/claims',
    {
      config: { permission: 'claims.create' },
      schema: {
        tags,
        summary: 'Create a claim',
        body: ClaimCreateSchema,
        response: { 201: ClaimSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { dueAt, ...rest } = request.body;
      const claim = await claims.create(request.principal, {
        ...rest,
        dueAt: toDate(dueAt) ?? undefined,
      });
      return reply.status(201).send(plain(claim));
    },
  );

  app.patch(
    '/claims/:id',
    {
      config: { permission: 'claims.update' },
      schema: {
        tags,
        summary: 'Update a claim (optimistic concurrency)',
        params: IdParams,
        body: ClaimUpdateSchema,
        response: { 200: ClaimSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, dueAt, ...rest } = request.body;
      return plain(
        await claims.update(request.principal, request.params.id, version, {
          ...rest,
          dueAt: toDate(dueAt),
        }),
      );
    },
  );

  app.get(
    '/claims/:id/evidence',
    {
      config: { permission: 'claims.read' },
      schema: {
        tags,
        summary: "List a claim's evidence",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(EvidenceSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await evidence.list(request.params.id)).map(plain) }),
  );

  app.post(
    '/claims/:id/evidence',
    {
      config: { permission: 'evidence.write' },
      schema: {
        tags,
        summary: 'Add evidence to a claim',
        params: IdParams,
        body: EvidenceCreateSchema,
        response: { 201: EvidenceSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await evidence.add(request.principal, request.params.id, request.body);
      return reply.status(201).send(plain(created));
    },
  );
}
