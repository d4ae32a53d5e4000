import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import '../../route-permission.js';
import type { SystemHealthService } from '../../system-health.js';
import { DateTime, Nullable, Uuid, errorResponses } from '../common.js';

const Count = Type.Integer({ minimum: 0 });
const Millis = Nullable(Type.Number({ minimum: 0 }));

const WindowSchema = Type.Object({
  windowMinutes: Count,
  count: Count,
  perMinute: Type.Number({ minimum: 0 }),
  clientErrors: Count,
  serverErrors: Count,
  p50Ms: Millis,
  p95Ms: Millis,
  p99Ms: Millis,
  total: Type.Integer({ minimum: 0, description: 'Since the process started' }),
});

const SystemHealthSchema = Type.Object(
  {
    generatedAt: DateTime,
    process: Type.Object({
      version: Type.String(),
      node: Type.String(),
      hostname: Type.String(),
      pid: Count,
      startedAt: DateTime,
      uptimeSeconds: Count,
      residentBytes: Count,
    }),
    database: Type.Object({
      kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
      up: Type.Boolean(),
      connections: Type.Object({ total: Count, idle: Count, waiting: Count }),
    }),
    requests: WindowSchema,
    matcher: WindowSchema,
    queues: Nullable(
      Type.Array(
        Type.Object({
          queue: Type.String(),
          depth: Count,
          oldestAgeSeconds: Type.Number({ minimum: 0 }),
          failed: Count,
          lastFailedAt: Nullable(DateTime),
        }),
      ),
    ),
    ingestion: Nullable(
      Type.Array(
        Type.Object({ channel: Type.String(), total: Count, lastHour: Count, lastDay: Count }),
      ),
    ),
    sources: Nullable(
      Type.Object({
        enabled: Count,
        failing: Count,
        disabledAfterFailures: Count,
        worst: Type.Array(
          Type.Object({
            id: Uuid,
            name: Type.String(),
            url: Type.String(),
            enabled: Type.Boolean(),
            consecutiveFailures: Count,
            lastError: Nullable(Type.String()),
            lastErrorAt: Nullable(DateTime),
            lastSuccessAt: Nullable(DateTime),
            disabledReason: Nullable(Type.String()),
          }),
        ),
      }),
    ),
    backups: Type.Object({
      everyHours: Type.Number({ minimum: 0 }),
      keep: Count,
      last: Nullable(Type.Object({ at: DateTime, bytes: Count })),
      count: Count,
      late: Type.Boolean(),
    }),
  },
  { $id: 'SystemHealth', description: 'The health of the system, as /metrics reports it' },
);

/** /api/v1/admin/health: the admin health page's figures. */
export async function systemHealthRoutes(
  appBase: FastifyInstance,
  { health }: { health: SystemHealthService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/admin/health',
    {
      config: { permission: 'health.read' },
      // Polled by an open health page every few seconds; its lines would drown the log.
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        summary: 'The health of the system at a glance',
        description:
          'The figures of /metrics as one document: queues (depth, oldest age, failed jobs), items taken in per channel (last hour, last day, total), failing sources, the newest scheduled backup, the database, and the requests and matcher latency of the process that answers (last 5 minutes). Null parts: the database did not answer.',
        response: { 200: SystemHealthSchema, ...errorResponses },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return health.read();
    },
  );
}
