import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { INQUIRY_STATUSES, type InquiryService } from '../../../core/inquiry.service.js';
import { DateTime, Nullable, Uuid, errorResponses, plain } from '../common.js';

const InquirySchema = Type.Object(
  {
    id: Uuid,
    outlet: Type.String(),
    question: Type.String(),
    hasContact: Type.Boolean(),
    status: Type.Enum([...INQUIRY_STATUSES]),
    assigneeId: Nullable(Uuid),
    answer: Nullable(Type.String()),
    dueAt: Nullable(DateTime),
    answeredAt: Nullable(DateTime),
    createdAt: DateTime,
    updatedAt: DateTime,
    version: Type.Integer(),
  },
  { description: "A journalist's question to the press office (câu hỏi của báo chí)" },
);

const InquiryListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...INQUIRY_STATUSES])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

/** /api/v1/inquiries: the press office's list of journalists' questions from the press room. */
export async function inquiryRoutes(
  appBase: FastifyInstance,
  { inquiries }: { inquiries: InquiryService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/inquiries',
    {
      config: { permission: 'inquiries.read' },
      schema: {
        tags: ['inquiries'],
        summary: "Journalists' questions, newest first",
        querystring: InquiryListQuery,
        response: { 200: Type.Object({ items: Type.Array(InquirySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { status, limit = 50 } = request.query;
      const items = await inquiries.list(request.principal, { status, limit });
      return { items: items.map(plain) };
    },
  );
}
