import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { InquiryService } from '../../../core/inquiry.service.js';
import { IdParams, Nullable, errorResponses, plain } from '../common.js';
import {
  InquiryActionSchema,
  InquiryAnswerSchema,
  InquiryAssignSchema,
  InquiryCountsSchema,
  InquiryDetailSchema,
  InquiryGetQuery,
  InquiryListQuery,
  InquirySchema,
} from './schema.js';

/**
 * /api/v1/inquiries: the press office's journalists' questions from the press room, tracked
 * until answered. Every change carries the version it was based on (a stale one gets 409).
 */
export async function inquiryRoutes(
  appBase: FastifyInstance,
  { inquiries }: { inquiries: InquiryService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['inquiries'];

  app.get(
    '/inquiries',
    {
      config: { permission: 'inquiries.read' },
      schema: {
        tags,
        summary: "Journalists' questions, newest first, with the counts by status",
        querystring: InquiryListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(InquirySchema),
            nextCursor: Nullable(Type.String()),
            counts: InquiryCountsSchema,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { status, open, overdue, limit = 50, cursor } = request.query;
      const page = await inquiries.list(request.principal, {
        filter: { status, open, overdue },
        limit,
        cursor,
      });
      return { items: page.items.map(plain), nextCursor: page.nextCursor, counts: page.counts };
    },
  );

  app.get(
    '/inquiries/:id',
    {
      config: { permission: 'inquiries.read' },
      schema: {
        tags,
        summary: 'One inquiry; with include=contact, the journalist’s contact too',
        description:
          'The contact is personal data: only roles that answer inquiries (inquiries.write) may ask for it, and every reading is recorded in the audit chain as inquiry.contact_viewed.',
        params: IdParams,
        querystring: InquiryGetQuery,
        response: { 200: InquiryDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      return plain(
        request.query.include === 'contact'
          ? await inquiries.getWithContact(request.principal, id)
          : await inquiries.get(request.principal, id),
      );
    },
  );

  const change = { config: { permission: 'inquiries.write' } } as const;
  const response = { 200: InquirySchema, ...errorResponses };

  app.post(
    '/inquiries/:id/assign',
    {
      ...change,
      schema: {
        tags,
        summary: 'Give an inquiry to someone of the press office (null: to nobody)',
        params: IdParams,
        body: InquiryAssignSchema,
        response,
      },
    },
    async (request) => {
      const { version, assigneeId } = request.body;
      return plain(
        await inquiries.assign(request.principal, request.params.id, version, assigneeId),
      );
    },
  );

  app.post(
    '/inquiries/:id/answer',
    {
      ...change,
      schema: {
        tags,
        summary: 'Record the answer given to the journalist',
        params: IdParams,
        body: InquiryAnswerSchema,
        response,
      },
    },
    async (request) => {
      const { version, answer } = request.body;
      return plain(await inquiries.answer(request.principal, request.params.id, version, answer));
    },
  );

  app.post(
    '/inquiries/:id/close',
    {
      ...change,
      schema: {
        tags,
        summary: 'Close an inquiry, answered or not',
        params: IdParams,
        body: InquiryActionSchema,
        response,
      },
    },
    async (request) =>
      plain(await inquiries.close(request.principal, request.params.id, request.body.version)),
  );

  app.post(
    '/inquiries/:id/reopen',
    {
      ...change,
      schema: {
        tags,
        summary: 'Reopen an answered or closed inquiry',
        params: IdParams,
        body: InquiryActionSchema,
        response,
      },
    },
    async (request) =>
      plain(await inquiries.reopen(request.principal, request.params.id, request.body.version)),
  );
}
