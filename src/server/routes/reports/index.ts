import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { IntakeService } from '../../../core/intake.service.js';
import { ItemIntakeSchema } from '../items/schema.js';
import { errorResponses, plain } from '../common.js';

const ReportSchema = Type.Object(
  {
    url: Type.Optional(Type.String({ maxLength: 2048, description: 'The link you came across' })),
    text: Type.Optional(Type.String({ maxLength: 100_000, description: 'Or the text itself' })),
    note: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Where you saw it, why it matters' }),
    ),
  },
  { additionalProperties: false },
);

/** /api/v1/reports: staff forward what they come across, in one request. */
export async function reportRoutes(
  appBase: FastifyInstance,
  { intake }: { intake: IntakeService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/reports',
    {
      config: { permission: 'items.create' },
      schema: {
        tags: ['items'],
        summary: 'Report an item (staff)',
        description:
          'A link and/or text with a note. Each report counts as a sighting; a repeat of a known item returns 200 with that item.',
        security: [{ bearer: [] }],
        body: ReportSchema,
        response: { 200: ItemIntakeSchema, 201: ItemIntakeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await intake.report(request.principal, request.body);
      return reply.status(result.created ? 201 : 200).send(plain(result));
    },
  );
}
