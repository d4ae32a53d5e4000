import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { MAX_QUEUE_PAGE, type DeskService } from '../../../core/desk.service.js';
import { CHANNELS, CLAIM_STATUSES, PRIORITIES, RATINGS } from '../../../core/types.js';
import '../../route-permission.js';
import { DateTime, Nullable, Uuid, errorResponses, plain } from '../common.js';

const Counts = Type.Object({
  byStatus: Type.Object(Object.fromEntries(CLAIM_STATUSES.map((s) => [s, Type.Integer()]))),
  open: Type.Integer(),
  overdue: Type.Integer(),
  untriagedItems: Type.Integer(),
});
const QueueClaimSchema = Type.Object({
  id: Uuid,
  text: Type.String(),
  status: Type.Enum([...CLAIM_STATUSES]),
  priority: Type.Enum([...PRIORITIES]),
  dueAt: Nullable(DateTime),
  overdue: Type.Boolean(),
  assigneeId: Nullable(Uuid),
  categoryId: Nullable(Uuid),
  language: Type.String(),
  createdAt: DateTime,
  firstResponseAt: Nullable(DateTime),
  version: Type.Integer(),
  itemsCount: Type.Integer(),
  sightingsCount: Type.Integer(),
  channels: Type.Array(Type.Enum([...CHANNELS])),
});
const QueueClusterSchema = Type.Object({
  key: Type.String({ description: 'The cluster id, or the item id of an item without cluster' }),
  clusterId: Nullable(Uuid),
  title: Type.String(),
  text: Type.String({ description: 'The first 500 characters of the top item' }),
  url: Nullable(Type.String()),
  itemIds: Type.Array(Uuid),
  itemsCount: Type.Integer(),
  sightingsCount: Type.Integer(),
  priorityScore: Type.Number(),
  channels: Type.Array(Type.Enum([...CHANNELS])),
  languages: Type.Array(Type.String()),
  firstSeenAt: DateTime,
  lastSeenAt: DateTime,
  matchedCheckId: Nullable(Uuid),
  matchConfidence: Nullable(Type.Number()),
});
const QueueQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...CLAIM_STATUSES])),
    priority: Type.Optional(Type.Enum([...PRIORITIES])),
    category: Type.Optional(Uuid),
    assignee: Type.Optional(Uuid),
    channel: Type.Optional(Type.Enum([...CHANNELS])),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
    overdue: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_QUEUE_PAGE, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const QueueClaimsPage = Type.Object({
  items: Type.Array(QueueClaimSchema),
  nextCursor: Nullable(Type.String()),
  counts: Counts,
});
const QueueClustersPage = Type.Object({
  items: Type.Array(QueueClusterSchema),
  nextCursor: Nullable(Type.String()),
  counts: Counts,
});
const DashboardSchema = Type.Object({
  openClaims: Type.Integer(),
  overdueClaims: Type.Integer(),
  medianFirstResponseSeconds: Nullable(Type.Integer()),
  medianTimeToPublicationSeconds: Nullable(Type.Integer()),
  verdicts: Type.Object(Object.fromEntries(RATINGS.map((r) => [r, Type.Integer()]))),
  itemsPerDay: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() })),
  days: Type.Integer(),
  timeZone: Type.String(),
  generatedAt: DateTime,
  period: Type.Optional(
    Type.Object(
      {},
      {
        additionalProperties: true,
        description:
          "With from and to: the activity report's figures of the period (GET /reports/activity), from the same queries",
      },
    ),
  ),
});
const Day = (description: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const DashboardQuery = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 366, description: 'The last N days (default 30)' }),
    ),
    tz: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone of the days' })),
    from: Type.Optional(Day('First day of a period (YYYY-MM-DD, Vietnam time)')),
    to: Type.Optional(Day('Last day of the period, included')),
  },
  { additionalProperties: false },
);

/** /api/v1/queue and /api/v1/dashboard: the desk's views, computed in SQL. */
export async function deskRoutes(appBase: FastifyInstance, { desk }: { desk: DeskService }) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();

  const queueInput = (query: Static<typeof QueueQuery>) => {
    const { category, assignee, limit = 100, ...rest } = query;
    return { ...rest, limit, categoryId: category, assigneeId: assignee };
  };

  app.get(
    '/queue',
    {
      config: { permission: 'queue.read' },
      schema: {
        tags: ['desk'],
        summary: 'The desk queue: open claims, most urgent first, then by deadline',
        description:
          'Open claims (or those of `status`). `counts` ignore the status filter, so every tab shows its number; `untriagedItems` counts the items waiting for triage. The cursor is an offset into the current order.',
        querystring: QueueQuery,
        response: { 200: QueueClaimsPage, ...errorResponses },
      },
    },
    async (request) => plain(await desk.queue(request.principal, queueInput(request.query))),
  );

  app.get(
    '/queue/untriaged',
    {
      config: { permission: 'queue.read' },
      schema: {
        tags: ['desk'],
        summary: 'Untriaged items, a near-duplicate cluster as one entry, by priority',
        description: 'Filters `channel` and `language` apply; the claim filters only to `counts`.',
        querystring: QueueQuery,
        response: { 200: QueueClustersPage, ...errorResponses },
      },
    },
    async (request) => plain(await desk.untriaged(request.principal, queueInput(request.query))),
  );

  app.get(
    '/dashboard',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags: ['desk'],
        summary: 'Figures of the desk: open, overdue, response times, verdicts, items per day',
        description:
          "Medians are over the last `days` days, in seconds: first response measured from when the claim or its first item was first seen; publication from the same moment to first publication. With `from` and `to` (report days, Vietnam time) the medians, verdicts (checks first published in the period), new items per day and `period` are the activity report's figures for that period, computed by the same queries; open and overdue claims are always the load now.",
        querystring: DashboardQuery,
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    async (request) =>
      plain(
        await desk.dashboard(request.principal, {
          days: request.query.days,
          timeZone: request.query.tz,
          from: request.query.from,
          to: request.query.to,
        }),
      ),
  );
}
