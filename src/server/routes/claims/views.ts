import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ClaimViewService } from '../../../core/claim-view.service.js';
import { RATINGS } from '../../../core/types.js';
import '../../route-permission.js';
import { IdParams, Nullable, Uuid, errorResponses, plain } from '../common.js';
import { ItemSchema } from '../items/schema.js';

const SightingDaySchema = Type.Object({
  day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Vietnam time' }),
  count: Type.Integer({ minimum: 1 }),
});

const SuggestionSchema = Type.Object({
  kind: Type.Enum(['check', 'claim'], {
    description: '`check`: a published answer; `claim`: an open claim being worked on',
  }),
  checkId: Nullable(Uuid),
  claimId: Uuid,
  title: Type.String({ description: "The check's title or the open claim's text" }),
  rating: Nullable(Type.Enum([...RATINGS])),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  band: Type.Enum(['answer', 'suggest']),
});

/** /api/v1/claims/:id/{items,sightings,suggestions}: the desk's views around one claim. */
export async function claimViewRoutes(
  appBase: FastifyInstance,
  { claimViews }: { claimViews: ClaimViewService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['claims'];

  app.get(
    '/claims/:id/items',
    {
      config: { permission: 'items.read' },
      schema: {
        tags,
        summary: 'The items grouped under a claim, most seen first (at most 500)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ItemSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await claimViews.items(request.principal, request.params.id)).map(plain),
    }),
  );

  app.get(
    '/claims/:id/sightings',
    {
      config: { permission: 'claims.read' },
      schema: {
        tags,
        summary: "Sightings per day of a claim's items (Vietnam time), oldest day first",
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(SightingDaySchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: await claimViews.sightings(request.principal, request.params.id),
    }),
  );

  app.get(
    '/claims/:id/suggestions',
    {
      config: { permission: 'claims.read' },
      schema: {
        tags,
        summary: 'Published checks and open claims the matcher finds like this claim',
        description:
          'Checks first, then open claims, each most confident first. `confidence` is the calibrated probability of a match; `band` is `answer` when it is high enough to answer a reader at once.',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(SuggestionSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: await claimViews.suggestions(request.principal, request.params.id),
    }),
  );
}
